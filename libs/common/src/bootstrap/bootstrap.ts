import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError } from '../config/service-config';
import { DatabaseUnavailableError } from '../database/ensure-database';
import { JsonLogger } from '../logging/json-logger';
import { startConsumers } from '../module/consumer.provider';
import { SERVICE_CONFIG } from '../module/tokens';
import { ServiceConfig } from '../config/service-config';
import { configureHttp, HttpOptions } from './http';
import { hardenHttpServer } from './client-errors';

/** Starts a service: JSON logs, validation, correlation ids, its event consumers, clean shutdown on SIGTERM/SIGINT. */
export async function bootstrapService(service: string, appModule: unknown, http: HttpOptions = {}): Promise<void> {
  try {
    const app = await NestFactory.create<NestExpressApplication>(appModule as never, {
      bufferLogs: true,
      abortOnError: false,
      bodyParser: false,
    });
    const logger = app.get(JsonLogger);
    app.useLogger(logger);
    app.enableShutdownHooks();
    configureHttp(app, http);
    const config = app.get<ServiceConfig>(SERVICE_CONFIG);
    await app.init();
    // The service's event consumers, as Nest microservices beside the HTTP side (they connect in the background).
    await startConsumers(app);
    await app.listen(config.PORT, '0.0.0.0');
    hardenHttpServer(app.getHttpServer());
    const address = app.getHttpServer().address();
    logger.log({ msg: `${service} listening`, port: typeof address === 'object' && address ? address.port : config.PORT }, 'Bootstrap');
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DatabaseUnavailableError) {
      process.stderr.write(`${err.message}\n`);
    } else {
      process.stderr.write(`${service} failed to start: ${err instanceof Error ? (err.stack ?? String(err)) : String(err)}\n`);
    }
    process.exit(1);
  }
}
