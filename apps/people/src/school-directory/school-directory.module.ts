import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KnownSchool } from './known-school.entity';
import { KnownSchools, SchoolDirectory } from './school-directory';

/** The trust's schools as this service knows them (see SchoolDirectory). */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([KnownSchool])],
  providers: [KnownSchools, { provide: SchoolDirectory, useExisting: KnownSchools }],
  exports: [KnownSchools, SchoolDirectory],
})
export class SchoolDirectoryModule {}
