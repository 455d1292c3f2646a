/** CPU profiles for the benchmarks: self time by function and by package, from V8's sampling profiler, in this process. */
import { Session } from 'node:inspector';
import { relative } from 'node:path';

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

export async function profiled<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; top: { fn: string; ms: number; share: string }[]; byPackage: { pkg: string; ms: number; share: string }[] }> {
  const session = new Session();
  session.connect();
  const post = <R>(method: string, params?: object) =>
    new Promise<R>((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res as R))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  const stop = async () => {
    const { profile } = await post<{ profile: CpuProfile }>('Profiler.stop');
    session.disconnect();
    return profile;
  };
  let result: T;
  try {
    result = await fn();
  } catch (err) {
    await stop();
    throw err;
  }
  return { result, ...summarise(await stop()) };
}

/**
 * Self time by function and by package of a V8 CPU profile (this process's, or one a child wrote); a built app's
 * files are named by their source path (`dist/apps/<app>/` left out).
 */
export function summarise(profile: CpuProfile): {
  top: { fn: string; ms: number; share: string }[];
  byPackage: { pkg: string; ms: number; share: string }[];
} {
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const msPerSample = totalMs / Math.max(1, profile.samples.length);
  const byFn = new Map<string, number>();
  const byPkg = new Map<string, number>();
  const cwd = process.cwd();
  // A node's hits, counted from the samples where the profile does not say them.
  const hits = new Map<number, number>();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  for (const node of profile.nodes) {
    const count = node.hitCount || hits.get(node.id) || 0;
    if (!count) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const path = url.replace(/^file:\/\//, '');
    const rel = (path.startsWith(cwd) ? relative(cwd, path) : path).replace(/^dist\/apps\/[^/]+\//, '');
    const name = `${functionName || '(anonymous)'} ${rel ? `${rel}:${lineNumber + 1}` : ''}`.trim();
    byFn.set(name, (byFn.get(name) ?? 0) + count * msPerSample);
    const pkg = !rel
      ? functionName.startsWith('(')
        ? functionName
        : '(native/V8)'
      : rel.startsWith('node:') || !rel.includes('/')
        ? 'node internals'
        : (/node_modules\/((@[^/]+\/)?[^/]+)/.exec(rel)?.[1] ?? rel.split('/').slice(0, 3).join('/'));
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + count * msPerSample);
  }
  const share = (ms: number) => `${((ms / totalMs) * 100).toFixed(1)}%`;
  const top = [...byFn]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(process.env.BENCH_PROFILE_TOP ?? 25))
    .map(([fn, ms]) => ({ fn, ms: Math.round(ms), share: share(ms) }));
  const byPackage = [...byPkg]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([pkg, ms]) => ({ pkg, ms: Math.round(ms), share: share(ms) }));
  return { top, byPackage };
}
