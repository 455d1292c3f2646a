/**
 * Contract checks per second: class-validator (plainToInstance + validateSync, the declaration, what
 * ran per event before) against the compiled check (JSON Schema derived from the same classes, compiled
 * by ajv once), on a valid sample of every event in the catalogue, measured in the same run, in
 * alternating rounds so that both see the same machine. Reports numbers; asserts nothing about speed.
 */
import { describe, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';

const out = (text = '') => process.stdout.write(`${text}\n`);

describe('contract validation', () => {
  it('validations per second, class-validator vs compiled', () => {
    // In a plain Node process: see contract-validation.measure.cjs.
    const measured = JSON.parse(
      execFileSync(process.execPath, [join(process.cwd(), 'bench', 'contract-validation.measure.cjs')], {
        encoding: 'utf8',
        env: process.env,
      }),
    ) as {
      roundMs: number;
      rounds: Record<string, number[]>;
      eventTypes: string[];
    };
    const { rounds, roundMs, eventTypes } = measured;
    const ROUNDS = Object.values(rounds)[0].length;
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const results = Object.entries(rounds).map(([name, xs]) => ({ name, perSecond: Math.round(median(xs)), usPerEvent: 1e6 / median(xs) }));
    const baseline = results[0].perSecond;

    out(
      `\nContract checks, ${eventTypes.length} event types, a valid sample of each; median of ${ROUNDS} rounds of ${roundMs} ms, plain Node`,
    );
    out(`${'path'.padEnd(60)} ${'checks/s'.padStart(12)} ${'µs/check'.padStart(10)} ${'× class-validator'.padStart(18)}`);
    for (const r of results) {
      out(
        `${r.name.padEnd(60)} ${String(r.perSecond).padStart(12)} ${r.usPerEvent.toFixed(2).padStart(10)} ${(r.perSecond / baseline).toFixed(1).padStart(17)}×`,
      );
    }

    const resultsDir = join(process.cwd(), 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    const jsonPath = join(resultsDir, `contract-validation-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(
      jsonPath,
      JSON.stringify(
        {
          benchmark: 'contract-validation',
          at: new Date().toISOString(),
          machine: { node: process.version, platform: process.platform, cpus: cpus().length, cpuModel: cpus()[0]?.model },
          settings: { roundMs, rounds: ROUNDS, eventTypes, process: 'plain node (contract-validation.measure.cjs)' },
          results: results.map((r) => ({ ...r, vsClassValidator: r.perSecond / baseline })),
          rounds,
        },
        null,
        2,
      ),
    );
    out(`JSON: ${relative(process.cwd(), jsonPath)}\n`);
  });
});
