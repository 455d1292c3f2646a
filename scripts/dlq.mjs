#!/usr/bin/env node
// Dead letters of one consumer group: list them, or put them back on their origin topic once their cause
// is fixed. Replaying is safe: the group's processed-events ledger drops an event it already applied.
//
//   npm run dlq -- list <group>
//   npm run dlq -- replay <group> (--event-id <id> | --offset <n> | --all)
//
// Reads KAFKA_BROKERS [127.0.0.1:9092] and KAFKA_TOPIC_PREFIX [empty]; <group> is the group as the
// service declares it (e.g. people.school-directory), without the prefix.
import kafkajs from 'kafkajs';

const { Kafka, logLevel, Partitioners } = kafkajs;
const [command, group, ...rest] = process.argv.slice(2);
const usage = 'usage: npm run dlq -- list <group> | replay <group> (--event-id <id> | --offset <n> | --all)';
if (!['list', 'replay'].includes(command) || !group) fail(usage);
const flag = (name) => {
  const i = rest.indexOf(name);
  return i >= 0 ? rest[i + 1] : undefined;
};
const eventId = flag('--event-id');
const offset = flag('--offset');
const all = rest.includes('--all');
if (command === 'replay' && [eventId !== undefined, offset !== undefined, all].filter(Boolean).length !== 1) fail(usage);

const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
const topic = `${prefix}trustwide.dlq.${group}`;
const kafka = new Kafka({
  clientId: 'trustwide-dlq',
  brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  logLevel: logLevel.NOTHING,
});

const letters = await readAll(topic);
const text = (v) => (v === undefined || v === null ? undefined : Buffer.isBuffer(v) ? v.toString('utf8') : String(v));
const describe = (m) => {
  let event = {};
  try {
    event = JSON.parse(text(m.value) ?? '');
  } catch {
    // a dead letter that is not JSON (the reason says so)
  }
  return {
    offset: `${m.partition}:${m.offset}`,
    eventId: event.eventId ?? text(m.headers['event-id']) ?? null,
    type: event.type ?? text(m.headers['event-type']) ?? null,
    reason: text(m.headers['x-dlq-reason']),
    error: text(m.headers['x-dlq-error']),
    origin: `${text(m.headers['x-dlq-origin-topic'])}[${text(m.headers['x-dlq-origin-partition'])}]@${text(m.headers['x-dlq-origin-offset'])}`,
    failedAt: text(m.headers['x-dlq-failed-at']),
  };
};

if (command === 'list') {
  for (const m of letters) process.stdout.write(`${JSON.stringify(describe(m))}\n`);
  process.stderr.write(`${letters.length} dead letter(s) on ${topic}\n`);
} else {
  const chosen = letters.filter(
    (m) => all || (eventId !== undefined && describe(m).eventId === eventId) || (offset !== undefined && describe(m).offset === offset),
  );
  if (chosen.length === 0) fail(`nothing to replay on ${topic} for ${eventId ?? offset}`);
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (const m of chosen) {
      // The original message, with its key and its own headers (not the dead-letter ones), to its origin topic.
      const headers = Object.fromEntries(Object.entries(m.headers).filter(([k]) => !k.startsWith('x-dlq-')));
      headers['x-replayed-from'] = `${topic}:${m.partition}:${m.offset}`;
      await producer.send({ topic: text(m.headers['x-dlq-origin-topic']), acks: -1, messages: [{ key: m.key, value: m.value, headers }] });
      process.stdout.write(`${JSON.stringify({ replayed: describe(m) })}\n`);
    }
  } finally {
    await producer.disconnect();
  }
}

/** Every message of the topic up to its current end, without joining a group (nothing is committed). */
async function readAll(name) {
  const admin = kafka.admin();
  await admin.connect();
  let ends;
  try {
    if (!(await admin.listTopics()).includes(name))
      fail(`no dead-letter topic ${name} (no dead letters yet, or a wrong group / KAFKA_TOPIC_PREFIX)`);
    ends = (await admin.fetchTopicOffsets(name)).filter((p) => Number(p.high) > Number(p.low));
  } finally {
    await admin.disconnect();
  }
  const found = [];
  if (ends.length === 0) return found;
  const readerGroup = `trustwide-dlq-reader-${process.pid}-${Date.now()}`;
  const consumer = kafka.consumer({ groupId: readerGroup, maxWaitTimeInMs: 200 });
  await consumer.connect();
  const remaining = new Map(ends.map((p) => [p.partition, Number(p.high)]));
  await new Promise((resolve, reject) => {
    consumer
      .subscribe({ topic: name, fromBeginning: true })
      .then(() =>
        consumer.run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const end = remaining.get(partition);
            if (end === undefined || Number(message.offset) >= end) return;
            found.push({ ...message, partition });
            if (Number(message.offset) >= end - 1) remaining.delete(partition);
            if (remaining.size === 0) resolve();
          },
        }),
      )
      .catch(reject);
  });
  await consumer.disconnect();
  // The throwaway reader group is of no use to anyone: removed, best effort.
  const cleanup = kafka.admin();
  await cleanup
    .connect()
    .then(() => cleanup.deleteGroups([readerGroup]))
    .catch(() => undefined);
  await cleanup.disconnect();
  return found.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
