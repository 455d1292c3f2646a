/**
 * Who a user actor is, for the people reading an audit trail or an acknowledgement: events and acknowledgements keep
 * only `user:<id>`, the name is looked up when read (so erasure and renaming apply to old entries too).
 */
export interface UserRow {
  id: string;
  email: string;
  display_name: string | null;
  /** The linked staff record was erased (UK GDPR): the sign-in's name goes too. */
  erased: boolean | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The user id of an actor written as `user:<id>` (an acknowledgement), else null. */
export function userIdOf(actor: string | null | undefined): string | null {
  const id = actor?.startsWith('user:') ? actor.slice(5) : null;
  return id && UUID.test(id) ? id.toLowerCase() : null;
}

/** The display name, else the e-mail; `[erased]` when the user's staff record was erased. */
export function userName(u: UserRow): string {
  if (u.erased) return '[erased]';
  return u.display_name?.trim() || u.email;
}

/** The ids worth looking up: user ids that are UUIDs, once each. */
export function userIds(ids: (string | null | undefined)[]): string[] {
  return [...new Set(ids.filter((id): id is string => !!id && UUID.test(id)).map((id) => id.toLowerCase()))];
}
