import 'reflect-metadata';
import { bootstrapService } from '@trustwide/common';
import { AppModule } from './app.module';

void bootstrapService('improvement', AppModule);
