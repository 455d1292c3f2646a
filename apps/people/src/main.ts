import 'reflect-metadata';
import { bootstrapService } from '@trustwide/common';
import { AppModule } from './app.module';
import { STAFF_IMPORT_UPLOADS } from './staff-imports/staff-imports.controller';

void bootstrapService('people', AppModule, { streamedBodies: STAFF_IMPORT_UPLOADS });
