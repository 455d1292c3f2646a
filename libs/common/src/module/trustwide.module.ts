import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CallerAuthModule } from '../auth/caller-auth.module';
import { loadConfig, ServiceConfig } from '../config/service-config';
import { ProcessedEventEntity } from '../consumer/processed-event.entity';
import { ensureDatabase } from '../database/ensure-database';
import { DataSource, DataSourceOptions } from 'typeorm';
import { poolOptions, runMigrationsExclusively } from '../database/data-source';
import { CreateOutboxAndLedger1763800000000 } from '../database/migrations/1763800000000-create-outbox-and-ledger';
import { OutboxParking1764900000000 } from '../database/migrations/1764900000000-outbox-parking';
import { OutboxTraceparent1767000000000 } from '../database/migrations/1767000000000-outbox-traceparent';
import { TerminusModule } from '@nestjs/terminus';
import { ConsumerHealthDetail } from '../health/consumer-detail';
import { HealthDetails } from '../health/health-details';
import { HealthController } from '../health/health.controller';
import { JsonLogger } from '../logging/json-logger';
import { Metrics } from '../metrics/metrics';
import { MetricsServer } from '../metrics/metrics-server';
import { setupTracing } from '../tracing/tracing';

const TRACING = Symbol('trustwide:tracing');
import { OutboxEventEntity } from '../outbox/outbox-event.entity';
import { EventConsumerService } from './consumer.provider';
import { KafkaConnection } from './kafka.provider';
import { OutboxRelayService, ServiceOutbox } from './outbox.providers';
import type { ServiceModuleOptions } from './service-options';
import { SERVICE_CONFIG, SERVICE_OPTIONS } from './tokens';

@Global()
@Module({})
class ServiceConfigModule {
  static register(options: ServiceModuleOptions): DynamicModule {
    const configProvider = {
      provide: options.config,
      useFactory: () => loadConfig(options.service, options.config),
    };
    return {
      module: ServiceConfigModule,
      providers: [
        configProvider,
        { provide: SERVICE_CONFIG, useExisting: options.config },
        { provide: SERVICE_OPTIONS, useValue: options },
        {
          provide: JsonLogger,
          inject: [SERVICE_CONFIG],
          useFactory: (config: ServiceConfig) => new JsonLogger(options.service, config.LOG_LEVEL),
        },
        {
          // The process's tracer provider, before a request or event is handled (once: see setupTracing).
          provide: TRACING,
          inject: [SERVICE_CONFIG],
          useFactory: (config: ServiceConfig) => {
            setupTracing(config.OTEL_TRACES_EXPORTER);
            return config.OTEL_TRACES_EXPORTER;
          },
        },
        Metrics,
        MetricsServer,
      ],
      exports: [options.config, SERVICE_CONFIG, SERVICE_OPTIONS, JsonLogger, Metrics, MetricsServer],
    };
  }
}

/**
 * Everything a Trustwide service stands on: validated config, its own PostgreSQL database (created if
 * missing, migrated at start), Kafka, the transactional outbox and its relay, an idempotent consumer for
 * the app's @OnEvent handlers, JSON logs, traces, /health and /metrics.
 */
@Module({})
export class TrustwideModule {
  static forService<C extends ServiceConfig>(options: ServiceModuleOptions<C>): DynamicModule {
    const configModule = ServiceConfigModule.register(options);
    return {
      module: TrustwideModule,
      global: true,
      imports: [
        configModule,
        CallerAuthModule,
        DiscoveryModule,
        // Its own logger off: readiness failures are logged once per change by HealthController.
        TerminusModule.forRoot({ logger: false }),
        TypeOrmModule.forRootAsync({
          inject: [SERVICE_CONFIG],
          useFactory: async (config: ServiceConfig) => {
            await ensureDatabase(config.DATABASE_URL);
            return {
              type: 'postgres' as const,
              url: config.DATABASE_URL,
              entities: [OutboxEventEntity, ProcessedEventEntity, ...options.entities],
              migrations: [
                CreateOutboxAndLedger1763800000000,
                OutboxParking1764900000000,
                OutboxTraceparent1767000000000,
                ...options.migrations,
              ],
              // Run below, under a lock, once the data source is up (TypeORM's own run has no lock).
              migrationsRun: false,
              migrationsTransactionMode: 'each' as const,
              synchronize: false,
              // Failed queries surface as exceptions (and 5xx logs); TypeORM's own console lines would not be JSON.
              logging: false,
              extra: poolOptions({
                statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
                lockTimeoutMs: config.DATABASE_LOCK_TIMEOUT_MS,
                idleInTransactionTimeoutMs: config.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
              }),
              // Fail start-up quickly with a clear message instead of retrying for minutes.
              retryAttempts: 2,
              retryDelay: 1000,
              migrate: config.DATABASE_MIGRATE === 'true',
            };
          },
          // Migrations run before anything can use the data source, by one replica at a time.
          dataSourceFactory: async (settings?: DataSourceOptions) => {
            const { migrate, ...rest } = settings as DataSourceOptions & { migrate?: boolean; url: string };
            const dataSource = await new DataSource(rest).initialize();
            try {
              if (migrate) await runMigrationsExclusively(dataSource, rest.url);
            } catch (err) {
              await dataSource.destroy().catch(() => undefined);
              throw err;
            }
            return dataSource;
          },
        }),
      ],
      controllers: [HealthController],
      providers: [HealthDetails, KafkaConnection, ServiceOutbox, OutboxRelayService, EventConsumerService, ConsumerHealthDetail],
      exports: [HealthDetails, KafkaConnection, ServiceOutbox, OutboxRelayService, EventConsumerService, TypeOrmModule],
    };
  }
}
