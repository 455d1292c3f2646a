import { describe, expect, it } from '@jest/globals';
import { IsString } from 'class-validator';
import { ImportingServiceConfig } from './importing-service-config';
import { ConfigError, configProblems, loadConfig, ServiceConfig } from './service-config';

class ExampleConfig extends ServiceConfig {
  @IsString({ message: 'EXTRA_URL must be set to the extra service URL' })
  EXTRA_URL: string;
}

const valid = {
  PORT: '3001',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/trustwide_schools',
  KAFKA_BROKERS: '127.0.0.1:9092',
  EXTRA_URL: 'http://x',
};

describe('loadConfig', () => {
  it('types and defaults a valid environment', () => {
    const config = loadConfig('example', ExampleConfig, valid);
    expect(config.PORT).toBe(3001);
    expect(config.KAFKA_TOPIC_PARTITIONS).toBe(3);
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.KAFKA_TOPIC_PREFIX).toBe('');
  });

  it('fails fast naming every variable to set', () => {
    const attempt = () => loadConfig('example', ExampleConfig, { PORT: 'eighty' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toContain('example: configuration is invalid');
      expect(message).toContain('DATABASE_URL must be a PostgreSQL URL');
      expect(message).toContain('KAFKA_BROKERS must be a comma-separated list');
      expect(message).toContain('EXTRA_URL must be set');
      expect(message).toMatch(/PORT/);
    }
  });

  it('treats empty strings as unset', () => {
    const problems = configProblems(ExampleConfig, { ...valid, DATABASE_URL: '' });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.startsWith('DATABASE_URL'))).toBe(true);
  });

  it('rejects a bad broker list and log level', () => {
    const problems = configProblems(ExampleConfig, { ...valid, KAFKA_BROKERS: 'localhost', LOG_LEVEL: 'loud' });
    expect(problems).toHaveLength(2);
  });

  it('keeps settings that depend on each other consistent', () => {
    expect(configProblems(ExampleConfig, { ...valid, KAFKA_TOPIC_REPLICATION_FACTOR: '3', KAFKA_TOPIC_MIN_INSYNC_REPLICAS: '2' })).toEqual(
      [],
    );
    expect(configProblems(ExampleConfig, { ...valid, KAFKA_TOPIC_MIN_INSYNC_REPLICAS: '2' })).toEqual([
      'KAFKA_TOPIC_MIN_INSYNC_REPLICAS must not be greater than KAFKA_TOPIC_REPLICATION_FACTOR',
    ]);
    expect(configProblems(ExampleConfig, { ...valid, EVENT_MAX_BYTES: '900000', OUTBOX_BATCH_MAX_BYTES: '500000' })).toEqual([
      'EVENT_MAX_BYTES must not be greater than OUTBOX_BATCH_MAX_BYTES',
    ]);
    const config = loadConfig('example', ExampleConfig, valid);
    expect([config.EVENT_MAX_BYTES, config.OUTBOX_BATCH_MAX_BYTES, config.DATABASE_STATEMENT_TIMEOUT_MS]).toEqual([
      262_144, 786_432, 30_000,
    ]);
  });
});

describe('ImportingServiceConfig', () => {
  class SmallUploads extends ImportingServiceConfig {}
  class LargeUploads extends ImportingServiceConfig {
    override IMPORT_MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
  }
  const base = { PORT: '3001', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/trustwide_people', KAFKA_BROKERS: '127.0.0.1:9092' };

  it("gives the upload limits their defaults, a service's own default upload size over the shared one", () => {
    expect(loadConfig('small', SmallUploads, base)).toMatchObject({
      IMPORT_MAX_UPLOAD_BYTES: 64 * 1024 * 1024,
      IMPORT_MAX_CONCURRENT_UPLOADS: 4,
      IMPORT_MAX_QUEUED: 10,
      CSV_MAX_RECORD_BYTES: 1024 * 1024,
    });
    expect(loadConfig('large', LargeUploads, base).IMPORT_MAX_UPLOAD_BYTES).toBe(512 * 1024 * 1024);
    expect(loadConfig('large', LargeUploads, { ...base, IMPORT_MAX_UPLOAD_BYTES: '1000' }).IMPORT_MAX_UPLOAD_BYTES).toBe(1000);
  });

  it('checks the shared rules in every service that takes uploads', () => {
    for (const config of [SmallUploads, LargeUploads]) {
      const problems = configProblems(config, {
        ...base,
        IMPORT_MAX_UPLOAD_BYTES: '0',
        IMPORT_MAX_QUEUED: 'many',
        CSV_MAX_RECORD_BYTES: '10',
      });
      expect([...new Set(problems.map((p) => p.split(' ')[0]))].sort()).toEqual([
        'CSV_MAX_RECORD_BYTES',
        'IMPORT_MAX_QUEUED',
        'IMPORT_MAX_UPLOAD_BYTES',
      ]);
    }
  });
});
