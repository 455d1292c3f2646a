import { Global, Module } from '@nestjs/common';
import { SchoolDirectoryModule as SharedSchoolDirectoryModule } from '@trustwide/common';
import { DirectorySchools, SchoolDirectory } from './school-directory';
import { SchoolInspectionsHandlers } from './school-inspections.handlers';

/**
 * The trust's schools as this service knows them: the shared school directory (its own consumer,
 * `people.school-directory`) and the schools' inspections (`people.school-inspections`), behind the
 * `SchoolDirectory` port the use cases inject.
 */
@Global()
@Module({
  imports: [SharedSchoolDirectoryModule.forConsumer()],
  controllers: [SchoolInspectionsHandlers],
  providers: [DirectorySchools, { provide: SchoolDirectory, useExisting: DirectorySchools }],
  exports: [SchoolDirectory],
})
export class PeopleSchoolDirectoryModule {}
