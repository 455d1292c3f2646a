import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = process.cwd();

/**
 * In a fresh Node process (not jest's module registry, which this suite has already filled), the
 * contracts' entry point is required with TypeScript transpiled on the fly, and what it loaded is read
 * from require.cache.
 */
function packagesLoadedBy(entry: string): string[] {
  const script = `
    const ts = require('typescript');
    const fs = require('node:fs');
    require.extensions['.ts'] = (module, filename) => {
      const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
        fileName: filename,
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, experimentalDecorators: true, emitDecoratorMetadata: true, esModuleInterop: true },
      });
      module._compile(out.outputText, filename);
    };
    const before = new Set(Object.keys(require.cache));
    const contracts = require(${JSON.stringify(entry)});
    if (!contracts.EVENT_CATALOGUE || !contracts.parseEvent) throw new Error('the entry point lacks the catalogue');
    const loaded = Object.keys(require.cache).filter((f) => !before.has(f));
    const packages = new Set(loaded.map((f) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(f)?.[1]).filter(Boolean));
    process.stdout.write(JSON.stringify([...packages].sort()));
  `;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })) as string[];
}

/** A package and everything it depends on, transitively. */
function withDependencies(names: string[], seen = new Set<string>()): Set<string> {
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    withDependencies(Object.keys(pkg.dependencies ?? {}), seen);
  }
  return seen;
}

describe('@trustwide/contracts', () => {
  it('loads class-validator, class-transformer and ajv (and what they need), never Nest, Kafka or TypeORM', () => {
    const loaded = packagesLoadedBy(join(ROOT, 'libs/common/src/events/index.ts'));
    expect(loaded).toEqual(expect.arrayContaining(['ajv', 'class-transformer', 'class-validator']));
    // reflect-metadata: the decorator-metadata polyfill class-transformer's @Type needs.
    const allowed = withDependencies(['ajv', 'class-transformer', 'class-validator', 'reflect-metadata']);
    expect(loaded.filter((p) => !allowed.has(p))).toEqual([]);
    expect(loaded.filter((p) => /^(@nestjs\/|kafkajs$|typeorm$|pg$|rxjs$|express$)/.test(p))).toEqual([]);
  });

  it('is what tsconfig and jest resolve the alias to', () => {
    const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as {
      compilerOptions: { paths: Record<string, string[]> };
    };
    expect(tsconfig.compilerOptions.paths['@trustwide/contracts']).toEqual(['libs/common/src/events']);
  });
});
