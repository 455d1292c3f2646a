import 'reflect-metadata';
import { bootstrapService, GATEWAY_HTTP } from '@trustwide/common';
import { AppModule } from './app.module';

// The gateway forwards bodies as they come (a large CSV import among them): it parses none.
void bootstrapService('gateway', AppModule, GATEWAY_HTTP);
