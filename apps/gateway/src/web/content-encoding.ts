/** The compressed copies the web build writes beside each text asset (`app.js.br`, `app.js.gz`), best first. */
export const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

export type Precompressed = (typeof PRECOMPRESSED)[number]['encoding'];

/**
 * How much the client wants each coding, from its `Accept-Encoding` (RFC 9110 §12.5.3): names are case-insensitive,
 * `q` is 0–1 (1 when absent), `*` stands for any coding not named, and `x-gzip` is gzip. A malformed q counts as 0,
 * so a header we cannot read never earns a compressed answer.
 */
function weights(header: string): { named: Map<string, number>; any: number | undefined } {
  const named = new Map<string, number>();
  let any: number | undefined;
  for (const item of header.split(',')) {
    const [rawName, ...params] = item.split(';');
    let name = rawName.trim().toLowerCase();
    if (!name) continue;
    if (name === 'x-gzip') name = 'gzip';
    let q = 1;
    for (const param of params) {
      const [key, value] = param.split('=').map((s) => s.trim());
      if (key.toLowerCase() !== 'q') continue;
      q = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value ?? '') ? Number(value) : 0;
    }
    // The same name twice is unclear: the lowest weight wins, so a refusal anywhere in the list is kept.
    if (name === '*') any = Math.min(any ?? 1, q);
    else named.set(name, Math.min(named.get(name) ?? 1, q));
  }
  return { named, any };
}

/**
 * The precompressed coding to send for this `Accept-Encoding`, among those on disk: the one the client weights highest
 * (brotli on a tie), never one it weights 0 or does not name; null for the file as it is (no header means identity:
 * a compressed body must only ever go to a client that asked for it).
 */
export function chooseEncoding(header: string | undefined, available: readonly Precompressed[]): Precompressed | null {
  if (!header) return null;
  const { named, any } = weights(header);
  let best: Precompressed | null = null;
  let bestQ = 0;
  for (const { encoding } of PRECOMPRESSED) {
    if (!available.includes(encoding)) continue;
    const q = named.get(encoding) ?? any ?? 0;
    if (q > bestQ) [best, bestQ] = [encoding, q];
  }
  return best;
}
