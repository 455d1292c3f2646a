/**
 * Byte-budgeted batching for the relay. Pure, so its rules are tabled in a spec.
 *
 * kafkajs sends a partition's records as one record batch and never splits it; the broker refuses a
 * batch over the topic's `max.message.bytes` (MESSAGE_TOO_LARGE). Keeping a whole request under a
 * byte budget keeps every partition's batch under it too, whatever OUTBOX_BATCH_SIZE is.
 */

/** Per record, Kafka's v2 format adds at most this much around key, value and headers (varints, attributes). */
const RECORD_OVERHEAD_BYTES = 40;
const HEADER_OVERHEAD_BYTES = 10;

export interface SizedMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** An upper bound on what a message takes in a record batch (uncompressed). */
export function messageBytes(m: SizedMessage): number {
  let bytes = RECORD_OVERHEAD_BYTES + Buffer.byteLength(m.key) + Buffer.byteLength(m.value);
  for (const [k, v] of Object.entries(m.headers)) bytes += HEADER_OVERHEAD_BYTES + Buffer.byteLength(k) + Buffer.byteLength(v);
  return bytes;
}

/**
 * Splits items, in order, into consecutive chunks of at most `maxBytes` each. An item larger than the
 * budget goes alone (the broker then decides; if it refuses, that one row is parked, not its neighbours).
 */
export function splitByBytes<T>(items: readonly T[], sizeOf: (item: T) => number, maxBytes: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** The two halves of a chunk that the broker refused, to find the row(s) at fault in log2(n) sends. */
export function halves<T>(items: readonly T[]): [T[], T[]] {
  const middle = Math.ceil(items.length / 2);
  return [items.slice(0, middle), items.slice(middle)];
}
