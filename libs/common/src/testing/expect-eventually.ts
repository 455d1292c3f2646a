/**
 * Retries an assertion until it passes or the timeout runs out, then throws its last failure.
 * Asynchronous tests wait with this, never with fixed sleeps.
 */
export async function expectEventually<T>(
  assertion: () => T | Promise<T>,
  { timeoutMs = 30_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await assertion();
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  if (lastError instanceof Error) {
    lastError.message = `still failing after ${timeoutMs} ms: ${lastError.message}`;
  }
  throw lastError;
}
