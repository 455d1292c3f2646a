// Run by read-model-ingest.bench.ts in a plain Node process, as the gateway runs when deployed: inside jest's VM
// context every global lookup costs more (about 10× for the compiled contract check, contract-validation.measure.cjs),
// which would measure jest as much as the consumer. Loads the gateway as built into dist/ (the benchmark builds it
// first) and runs one consumer over the topics the benchmark filled, from their beginning:
//   read-model <events>            the gateway's `read-model` consumer, as in production;
//   naive <events> <topic>...      @EventPattern on ServerKafka (@nestjs/microservices), one INSERT per message.
// The environment is the app's (DATABASE_URL, KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, ...); with BENCH_RM_PROFILE_FILE
// the consumer's run is profiled by V8's sampling profiler and the profile written there. Prints one JSON line when
// every event is written, then keeps its connections open (so the benchmark can read every process's CPU, its
// database backends' too) until its standard input ends.
require('reflect-metadata');
const { writeFileSync } = require('node:fs');
const { Session } = require('node:inspector');
const path = require('node:path');
const { Controller, Inject, Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const { EventPattern, Payload, Transport } = require('@nestjs/microservices');
const { DataSource } = require('typeorm');

const dist = path.join(process.cwd(), 'dist', 'apps', 'gateway');
const common = require(path.join(dist, 'libs', 'common', 'src'));
const { READ_MODEL_MIGRATIONS, ReadModelModule } = require(path.join(dist, 'apps', 'gateway', 'src', 'read-model', 'read-model.module'));

const [kind, eventsArg, ...topics] = process.argv.slice(2);
const EVENTS = Number(eventsArg);
/** Polls a count kept in this process (after each commit): no count(*) loads the database being measured. */
const waitFor = async (count) => {
  while (count() < EVENTS) await new Promise((r) => setTimeout(r, 20));
};

function profiler() {
  const file = process.env.BENCH_RM_PROFILE_FILE;
  if (!file) return { start: async () => undefined, stop: async () => undefined };
  const session = new Session();
  session.connect();
  const post = (method, params = {}) =>
    new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
  return {
    start: async () => {
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 500 });
      await post('Profiler.start');
    },
    stop: async () => writeFileSync(file, JSON.stringify((await post('Profiler.stop')).profile)),
  };
}

/** The gateway's read model alone: its module, as the gateway's app module imports it, and its migrations. */
async function readModel() {
  class ReadModelOnly {}
  Module({
    imports: [
      common.TrustwideModule.forService({
        service: 'gateway',
        config: common.ServiceConfig,
        entities: [],
        migrations: [...READ_MODEL_MIGRATIONS],
      }),
      ReadModelModule,
    ],
  })(ReadModelOnly);
  const app = await NestFactory.create(ReadModelOnly, { logger: ['error'] });
  await app.init();
  const profile = profiler();
  await profile.start();
  const start = performance.now();
  const cpu = process.cpuUsage();
  await common.startConsumers(app);
  const consumer = app.get(common.EventConsumerService).get('read-model');
  await consumer.joined;
  const joinMs = performance.now() - start;
  await waitFor(() => consumer.stats.applied);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  await profile.stop();
  return { app, result: { ms, joinMs, userMs: used.user / 1000, systemMs: used.system / 1000 } };
}

/** The naive consumer: one handler per topic, one row per message, in its own statement. */
async function naive() {
  let written = 0;
  class NaiveConsumer {
    constructor(db) {
      this.db = db;
    }
    async write(e) {
      await this.db.query(`INSERT INTO naive_events (event_id, type, data) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
        e.eventId,
        e.type,
        JSON.stringify(e.data),
      ]);
      written++;
    }
  }
  // What `@EventPattern(topic) handler(@Payload() e)` on a `@Controller()` compiles to, one method per topic.
  topics.forEach((topic, i) => {
    const method = `topic${i}`;
    NaiveConsumer.prototype[method] = function (e) {
      return this.write(e);
    };
    Payload()(NaiveConsumer.prototype, method, 0);
    EventPattern(topic)(NaiveConsumer.prototype, method, Object.getOwnPropertyDescriptor(NaiveConsumer.prototype, method));
  });
  Inject(DataSource)(NaiveConsumer, undefined, 0);
  Controller()(NaiveConsumer);
  class NaiveModule {}
  Module({
    imports: [common.TrustwideModule.forService({ service: 'naive', config: common.ServiceConfig, entities: [], migrations: [] })],
    controllers: [NaiveConsumer],
  })(NaiveModule);
  const app = await NestFactory.create(NaiveModule, { logger: ['error'] });
  await app.init();
  await app
    .get(DataSource)
    .query(`CREATE TABLE IF NOT EXISTS naive_events (event_id uuid PRIMARY KEY, type text NOT NULL, data jsonb NOT NULL)`);
  app.connectMicroservice({
    transport: Transport.KAFKA,
    options: {
      client: { clientId: 'naive', brokers: process.env.KAFKA_BROKERS.split(',') },
      consumer: { groupId: `${process.env.KAFKA_TOPIC_PREFIX}naive` },
      subscribe: { fromBeginning: true },
    },
  });
  const start = performance.now();
  const cpu = process.cpuUsage();
  await app.startAllMicroservices();
  await waitFor(() => written);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { app, result: { ms, userMs: used.user / 1000, systemMs: used.system / 1000 } };
}

(kind === 'naive' ? naive() : readModel()).then(
  ({ app, result }) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.stdin.resume();
    process.stdin.on('end', () => void app.close().finally(() => process.exit(0)));
  },
  (err) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exit(1);
  },
);
