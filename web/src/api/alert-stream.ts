import { request } from './client';
import type { Alert } from './types';

/**
 * Follows the trust's live alerts (server-sent events). EventSource cannot send the bearer token, so the stream is
 * read with fetch; after a drop it reconnects with Last-Event-ID, so no alert is missed or shown twice.
 */
export function followAlerts(
  trustId: string,
  onAlert: (alert: Alert) => void,
  onState: (live: boolean) => void,
  after: string | null = null,
): () => void {
  const abort = new AbortController();
  let lastId: string | null = after;
  let retryMs = 3_000;

  const connect = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      try {
        const res = await request(`/api/trusts/${trustId}/alerts/stream`, {
          headers: { accept: 'text/event-stream', ...(lastId ? { 'last-event-id': lastId } : {}) },
          signal: abort.signal,
        });
        onState(true);
        const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const fields = parseEvent(block);
            if (fields.retry) retryMs = Number(fields.retry) || retryMs;
            if (fields.id) lastId = fields.id;
            if (fields.event === 'alert' && fields.data) onAlert(JSON.parse(fields.data) as Alert);
          }
        }
      } catch {
        // Dropped, refused or offline: wait and reconnect from the last alert seen.
      }
      onState(false);
      if (!abort.signal.aborted) await new Promise((r) => setTimeout(r, retryMs));
    }
  };
  void connect();
  return () => abort.abort();
}

/** One server-sent event block: its fields (`data` lines joined), comments ignored. */
export function parseEvent(block: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of block.split('\n')) {
    if (!line || line.startsWith(':')) continue;
    const at = line.indexOf(':');
    const name = at < 0 ? line : line.slice(0, at);
    const value = at < 0 ? '' : line.slice(at + 1).replace(/^ /, '');
    fields[name] = name === 'data' && fields.data !== undefined ? `${fields.data}\n${value}` : value;
  }
  return fields;
}
