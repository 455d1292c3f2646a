import 'reflect-metadata';
import { bootstrapService } from '@trustwide/common';
import { AppModule } from './app.module';
import { IMPORT_UPLOADS } from './imports/imports.controller';

void bootstrapService('schools', AppModule, { streamedBodies: IMPORT_UPLOADS });
