import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateBy, ValidationOptions, validateSync } from 'class-validator';
import { problemSentences } from '../validation/problems';

/** A number that must not exceed another setting of the same config. */
function AtMost(other: string, options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'atMost',
      constraints: [other],
      validator: {
        validate: (value, args) => typeof value !== 'number' || !(Number((args?.object as Record<string, unknown>)[other]) < value),
        defaultMessage: (args) => `${args?.property} must not be greater than ${other}`,
      },
    },
    options,
  );
}

/**
 * What every Trustwide service needs to boot. Each app extends this with one class of its own;
 * `loadConfig` validates it at start-up and refuses to boot with a message naming what to set.
 */
export class ServiceConfig {
  /** HTTP port of the service (health, API); 0 picks a free one. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number;

  /** PostgreSQL URL of this service's own database, e.g. postgres://postgres@127.0.0.1:5432/trustwide_schools */
  @IsString()
  @Matches(/^postgres(ql)?:\/\/[^/]+\/[A-Za-z0-9_]+(\?.*)?$/, {
    message: 'DATABASE_URL must be a PostgreSQL URL naming a database, e.g. postgres://postgres@127.0.0.1:5432/trustwide_schools',
  })
  DATABASE_URL: string;

  /** Comma-separated Kafka bootstrap servers, e.g. 127.0.0.1:9092 */
  @IsString()
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, {
    message: 'KAFKA_BROKERS must be a comma-separated list of host:port, e.g. 127.0.0.1:9092',
  })
  KAFKA_BROKERS: string;

  /** Prefix for every topic name; lets tests and side-by-side environments share one broker. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]*$/, { message: 'KAFKA_TOPIC_PREFIX may hold only letters, digits, ".", "_" and "-"' })
  KAFKA_TOPIC_PREFIX = '';

  /** Partitions for topics this service creates. More partitions, more parallel consumers. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(256)
  KAFKA_TOPIC_PARTITIONS = 3;

  /** Copies of each partition for topics this service creates: 1 on one broker, 3 on a three-broker cluster. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(16)
  KAFKA_TOPIC_REPLICATION_FACTOR = 1;

  /**
   * `min.insync.replicas` of topics this service creates: with acks=all, a write needs this many copies.
   * 1 on one broker; 2 with replication factor 3 (one broker may be down, no acknowledged write is lost).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(16)
  @AtMost('KAFKA_TOPIC_REPLICATION_FACTOR')
  KAFKA_TOPIC_MIN_INSYNC_REPLICAS = 1;

  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL: 'debug' | 'info' | 'warn' | 'error' = 'info';

  /**
   * Where finished spans go: `none` (trace ids still travel in headers, outbox rows and log lines; there is no
   * collector here to send spans to) or `console` (each span printed to stdout, for a developer).
   */
  @IsIn(['none', 'console'], { message: "OTEL_TRACES_EXPORTER must be 'none' or 'console'" })
  OTEL_TRACES_EXPORTER: 'none' | 'console' = 'none';

  /**
   * A port of its own for `GET /metrics` (0 picks a free one); the app's own port then stops answering it. Set it
   * for the gateway, whose port is public. Unset: /metrics is on PORT, beside /health.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT?: number;

  /** The address the metrics port listens on (METRICS_PORT). */
  @IsOptional()
  @IsString()
  METRICS_HOST = '0.0.0.0';

  /** Most outbox rows the relay publishes in one Kafka request. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  OUTBOX_BATCH_SIZE = 500;

  /** How often the relay looks for unsent rows when no NOTIFY woke it (ms). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  OUTBOX_POLL_MS = 1000;

  /**
   * Largest event (its JSON envelope) a service may record, checked when it is recorded (a request that
   * would make a larger one gets a 413). Safely below the broker's `message.max.bytes` (1 MiB by default).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(1_000_000)
  @AtMost('OUTBOX_BATCH_MAX_BYTES')
  EVENT_MAX_BYTES = 262_144;

  /**
   * Most bytes the relay sends in one Kafka request (the rows' keys, values and headers), whatever
   * OUTBOX_BATCH_SIZE says; below the broker's and the topics' message.max.bytes (1 MiB by default).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(100_000_000)
  OUTBOX_BATCH_MAX_BYTES = 786_432;

  /** An unsent event older than this (or any parked one) makes the outbox "degraded" in /health and the logs (ms). */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  OUTBOX_STUCK_AFTER_MS = 60_000;

  /** Attempts for an event whose handler fails transiently before it is dead-lettered. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  CONSUMER_MAX_ATTEMPTS = 5;

  /**
   * Days a processed event stays in the ledger. Longer than the topics keep events (Kafka's default is 7
   * days), so no redelivery can outlive its ledger row.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  CONSUMER_LEDGER_RETENTION_DAYS = 30;

  /** Run TypeORM migrations at start (on by default; turn off when a deploy step runs them). */
  @IsIn(['true', 'false'])
  DATABASE_MIGRATE = 'true';

  /** A statement running longer than this is cancelled (ms; 0 = never). Migrations run without it. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  DATABASE_STATEMENT_TIMEOUT_MS = 30_000;

  /** A statement waiting longer than this for a row or table lock fails (ms; 0 = never). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  DATABASE_LOCK_TIMEOUT_MS = 10_000;

  /** A session left idle inside a transaction longer than this is ended, releasing its locks (ms; 0 = never). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;
}

export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: string[],
  ) {
    super(`${service}: configuration is invalid, set these environment variables:\n` + problems.map((p) => `  - ${p}`).join('\n'));
    this.name = 'ConfigError';
  }
}

/** Problems with `env` for this config class; empty when it is valid. */
export function configProblems<T extends object>(configClass: new () => T, env: Record<string, string | undefined>): string[] {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const instance = plainToInstance(configClass, defined, { exposeDefaultValues: true });
  return problemSentences(validateSync(instance, { whitelist: false, forbidUnknownValues: false }));
}

/** Validates `env` against the config class and returns it typed; throws a ConfigError that says what to set. */
export function loadConfig<T extends object>(
  service: string,
  configClass: new () => T,
  env: Record<string, string | undefined> = process.env,
): T {
  const problems = configProblems(configClass, env);
  if (problems.length > 0) throw new ConfigError(service, problems);
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  return plainToInstance(configClass, defined, { exposeDefaultValues: true, excludeExtraneousValues: false });
}
