/** The signed-in session: tokens live in this tab's sessionStorage (never localStorage) and in memory. */
export interface SessionUser {
  id: string;
  trustId: string | null;
  email: string;
  displayName: string | null;
  roles: string[];
  schoolIds: string[];
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token expires. */
  expiresAt: number;
  user: SessionUser;
}

export interface TokenAnswer {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user?: SessionUser;
}

const KEY = 'trustwide.session';
type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();
let current: Session | null = read();

function read(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function getSession(): Session | null {
  return current;
}

export function setSession(session: Session | null): void {
  current = session;
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
  for (const l of listeners) l(session);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A session from a token answer; a refresh answer carries no user, so the previous one is kept. */
export function sessionFrom(answer: TokenAnswer, user: SessionUser): Session {
  return {
    accessToken: answer.accessToken,
    refreshToken: answer.refreshToken,
    expiresAt: Date.now() + answer.expiresIn * 1000,
    user: answer.user ?? user,
  };
}

export const hasRole = (session: Session | null, ...roles: string[]) => !!session && session.user.roles.some((r) => roles.includes(r));
