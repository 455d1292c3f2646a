import { Module } from '@nestjs/common';
import { TrustsController } from './trusts.controller';
import { TrustsService } from './trusts.service';

@Module({
  controllers: [TrustsController],
  providers: [TrustsService],
  exports: [TrustsService],
})
export class TrustsModule {}
