import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Trust } from './trust.entity';
import { TrustsController } from './trusts.controller';
import { TrustsService } from './trusts.service';

/** The trust's tables, listed in the app's `TrustwideModule.forService({ entities })` for its data source. */
export const TRUSTS_ENTITIES = [Trust];

/** Trusts: the tenants, registered and changed by the API and the GIAS groups import. */
@Module({
  imports: [TypeOrmModule.forFeature(TRUSTS_ENTITIES)],
  controllers: [TrustsController],
  providers: [TrustsService],
  exports: [TrustsService],
})
export class TrustsModule {}
