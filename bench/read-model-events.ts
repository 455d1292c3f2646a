/**
 * What the read model benchmarks put on the topics: events in the services' envelope, written with a raw kafkajs
 * producer (no outbox, no relay: the benchmarks time the consumer and the reads, not the publishing).
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import pg from 'pg';
import { EVENT_CATALOGUE, newEventId } from '@trustwide/common';
import type { EventType } from '@trustwide/common';
import { TEST_KAFKA_BROKERS } from '@trustwide/common/testing';

export interface BenchMessage {
  topic: string;
  message: { key: string; headers: Record<string, string>; value: string };
}

export function envelope(topicPrefix: string, trustId: string, type: EventType, aggregateId: string, data: unknown): BenchMessage {
  return {
    topic: `${topicPrefix}${EVENT_CATALOGUE[type].topic}`,
    message: {
      key: aggregateId,
      headers: { 'event-type': type, 'event-version': String(EVENT_CATALOGUE[type].version) },
      value: JSON.stringify({
        eventId: newEventId(),
        type,
        version: EVENT_CATALOGUE[type].version,
        trustId,
        aggregateType: EVENT_CATALOGUE[type].aggregateType,
        aggregateId,
        occurredAt: new Date().toISOString(),
        correlationId: randomUUID(),
        causationId: null,
        actor: { kind: 'service', id: 'bench' },
        source: 'bench',
        data,
      }),
    },
  };
}

export const benchKafka = () => new Kafka({ clientId: 'rm-bench', brokers: TEST_KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });

/** Creates the topics (3 partitions each, as the tests' broker does) and puts the messages on them in batches. */
export async function produce(kafka: Kafka, messages: Iterable<BenchMessage>, topics: string[]): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })) });
  await admin.disconnect();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  let sent = 0;
  let byTopic = new Map<string, BenchMessage['message'][]>();
  let pending = 0;
  const flush = async () => {
    if (pending === 0) return;
    await producer.sendBatch({ topicMessages: [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs })) });
    sent += pending;
    byTopic = new Map();
    pending = 0;
  };
  for (const m of messages) {
    const list = byTopic.get(m.topic) ?? [];
    list.push(m.message);
    byTopic.set(m.topic, list);
    if (++pending >= 5_000) await flush();
  }
  await flush();
  await producer.disconnect();
  return sent;
}

/**
 * One trust's schools and people as events, school by school: registered, an OEIF inspection, three years of
 * three measures, a risk status, `staffPerSchool` staff joined (the head and the deputy with their role), one
 * designated leader in `designatedShare` of staff (applied, approved, activated), and two CPD enrolments.
 */
export function* trustEvents(
  topicPrefix: string,
  trustId: string,
  schools: number,
  options: { staffPerSchool: number; designatedShare: number; firstUrn: number },
): Generator<BenchMessage> {
  const e = (type: EventType, aggregateId: string, data: unknown) => envelope(topicPrefix, trustId, type, aggregateId, data);
  const programmeId = randomUUID();
  for (let i = 0; i < schools; i++) {
    const schoolId = randomUUID();
    const urn = options.firstUrn + i;
    yield e('schools.school.registered', schoolId, {
      school: {
        schoolId,
        urn,
        name: `School ${urn}`,
        phase: i % 4 === 0 ? 'secondary' : 'primary',
        membership: 'member',
        leadershipModel: ['A', 'B', 'C'][i % 3],
        pupilsOnRoll: 200 + (i % 700),
        easting: 500000 + i * 10,
        northing: 180000 + i * 10,
      },
    });
    yield e('schools.inspection.recorded', schoolId, {
      inspectionId: randomUUID(),
      schoolId,
      urn,
      framework: 'oeif',
      startDate: '2022-03-01',
      overallEffectiveness: 1 + (i % 4),
      judgements: [],
    });
    for (const period of ['2022/23', '2023/24', '2024/25'])
      yield e('schools.measures.recorded', schoolId, {
        schoolId,
        urn,
        period,
        measures: [
          { name: 'attendance', value: 88 + ((i * 7) % 10) },
          { name: 'attainmentExpectedStandard', value: 50 + ((i * 3) % 40) },
          { name: 'pupilsOnRoll', value: 200 + (i % 700) },
        ],
      });
    yield e('schools.risk-status.changed', schoolId, {
      schoolId,
      urn,
      to: ['green', 'amber', 'red'][i % 3],
      reasons: i % 3 === 0 ? [] : ['attendance fell'],
    });
    const cohortId = randomUUID();
    for (let s = 0; s < options.staffPerSchool; s++) {
      const staffId = randomUUID();
      yield e('people.staff.joined', staffId, { staffId, schoolId, displayName: `Person ${urn}-${s}`, joinedOn: '2019-09-01' });
      if (s < 2)
        yield e('people.role.started', staffId, {
          staffId,
          roleId: randomUUID(),
          role: s === 0 ? 'headteacher' : 'deputy-headteacher',
          schoolId,
          startedOn: '2020-09-01',
        });
      if ((i * options.staffPerSchool + s) % Math.max(1, Math.round(1 / options.designatedShare)) === 0) {
        const designationId = randomUUID();
        const base = { designationId, staffId, designationType: 'nle', effectiveOn: '2025-09-01' };
        yield e('people.designation.applied', designationId, { designationId, staffId, designationType: 'nle', specialisms: [], schoolId });
        yield e('people.designation.approved', designationId, {
          ...base,
          from: 'applied',
          to: 'approved',
          termStartsOn: '2025-09-01',
          termEndsOn: '2029-08-31',
          releaseDaysPerYear: 20,
        });
        yield e('people.designation.activated', designationId, { ...base, from: 'approved', to: 'active' });
      }
      if (s < 2)
        yield e('cpd.enrolment.created', cohortId, {
          enrolmentId: randomUUID(),
          cohortId,
          programmeId,
          staffId,
          schoolId,
          enrolledOn: '2026-09-10',
        });
    }
  }
}

/** Waits until the query's count reaches `n`; returns how long it took (ms). */
export async function waitForCount(query: () => number | Promise<number>, n: number, pollMs = 50): Promise<number> {
  const start = performance.now();
  while ((await query()) < n) await new Promise((r) => setTimeout(r, pollMs));
  return performance.now() - start;
}

/** The p-th percentile of sorted values. */
export const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** CPU jiffies (user + system, and system alone) per command name over the machine's processes (Linux /proc), e.g. postgres, java. */
function cpuByCommand(): Map<string, { all: number; kernel: number }> {
  const by = new Map<string, { all: number; kernel: number }>();
  try {
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        let comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        // Node processes by what they run: each app apart (dist/apps/<name>/), the rest as node.
        if (comm === 'node') comm = `node ${/dist\/apps\/([\w-]+)\//.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))?.[1] ?? ''}`.trim();
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const had = by.get(comm) ?? { all: 0, kernel: 0 };
        by.set(comm, { all: had.all + Number(f[11]) + Number(f[12]), kernel: had.kernel + Number(f[12]) });
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    // not Linux
  }
  return by;
}

/**
 * Busy and idle jiffies of the whole machine (Linux /proc/stat), to tell a CPU-bound run from one that waits, and
 * the kernel's part of busy (system, interrupts: loopback sockets are the kernel's work).
 */
function machineCpu(): { busy: number; idle: number; kernel: number } | undefined {
  try {
    const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    const idle = f[3] + f[4];
    return { busy: f.reduce((a, b) => a + b, 0) - idle, idle, kernel: f[2] + f[5] + f[6] };
  } catch {
    return undefined;
  }
}

/** What the machine's CPU has done so far: the whole machine's jiffies and each command's. */
export function cpuSnapshot() {
  return { machine: machineCpu(), byCommand: cpuByCommand() };
}

/** Lines saying how busy the machine was since `before`, and the CPU seconds of each process (postgres, java, node…). */
export function cpuReport(before: ReturnType<typeof cpuSnapshot>): string[] {
  const after = cpuSnapshot();
  const lines: string[] = [];
  const [m0, m1] = [before.machine, after.machine];
  if (m0 && m1)
    lines.push(
      `the machine's CPU meanwhile: ${((m1.busy - m0.busy) / ((m1.busy + m1.idle - m0.busy - m0.idle) / cpus().length)).toFixed(2)} of ${cpus().length} cores busy (${(((m1.kernel - m0.kernel) / (m1.busy - m0.busy || 1)) * 100).toFixed(0)}% of it in the kernel)`,
    );
  const perCommand = [...after.byCommand]
    .map(([comm, j]) => {
      const was = before.byCommand.get(comm) ?? { all: 0, kernel: 0 };
      return [comm, (j.all - was.all) / 100, (j.kernel - was.kernel) / 100] as const;
    })
    .filter(([, sec]) => sec >= 0.1)
    .sort((a, b) => b[1] - a[1]);
  if (perCommand.length > 0)
    lines.push(
      `CPU seconds by process meanwhile (of which in the kernel): ${perCommand.map(([c, sec, kernel]) => `${c} ${sec.toFixed(1)} (${kernel.toFixed(1)})`).join(', ')}`,
    );
  return lines;
}

/** Builds one app into dist/ with the Nest CLI (from the checkout's root, where the benchmarks run), so a process runs this checkout's code. */
export function buildApp(name: string): void {
  const root = process.cwd();
  const built = spawnSync(process.execPath, [join(root, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build', name], {
    cwd: root,
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`building ${name} failed:\n${built.stdout}${built.stderr}`);
}

/** One query on a connection of its own, closed after (for reading results once a run is over). */
export async function queryOnce<T>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
