/**
 * Waits for statements issued together on one transaction's connection, then throws the first failure. The pool's
 * connections pipeline (`PreparingClient`): statements issued without awaiting each other go out at once and run in
 * the order issued, one after another, so a transaction writing several tables pays one round trip, not one each.
 * Every one is waited for, so none is still running when the caller rolls back; after a failure PostgreSQL refuses
 * the rest of the transaction's statements, and the transaction rolls back as it would have anyway.
 */
export async function allStatements(pending: Promise<unknown>[]): Promise<void> {
  const settled = await Promise.allSettled(pending);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
}
