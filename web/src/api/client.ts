import { getSession, onSessionChange, sessionFrom, setSession, type Session, type SessionUser, type TokenAnswer } from './session';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** Every 4xx/5xx of the platform has one shape: `{statusCode, message, errors: [{field, problems}]}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: FieldProblem[],
  ) {
    super(message);
  }

  /** The problems of one field (and of its sub-fields, e.g. `commitment.daysPerYear` under `commitment`). */
  problemsOf(field: string): string[] {
    return this.errors.filter((e) => e.field === field).flatMap((e) => e.problems);
  }
}

async function errorOf(res: Response): Promise<ApiError> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { message?: string | string[]; errors?: FieldProblem[] };
    const message = Array.isArray(body.message) ? body.message.join('; ') : (body.message ?? res.statusText);
    return new ApiError(res.status, message, Array.isArray(body.errors) ? body.errors : []);
  } catch {
    return new ApiError(res.status, text.slice(0, 200) || res.statusText, []);
  }
}

// Refresh a minute before expiry; one refresh at a time, since a refresh token works only once.
const REFRESH_MARGIN_MS = 60_000;
let refreshing: Promise<Session | null> | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

function schedule(session: Session | null): void {
  clearTimeout(timer);
  if (!session) return;
  const wait = Math.max(1_000, session.expiresAt - Date.now() - REFRESH_MARGIN_MS);
  timer = setTimeout(() => void refresh(), wait);
}
onSessionChange(schedule);
schedule(getSession());

export function refresh(): Promise<Session | null> {
  refreshing ??= (async () => {
    const session = getSession();
    if (!session) return null;
    try {
      const res = await fetch('/api/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: session.refreshToken }),
      });
      if (!res.ok) {
        // A refused refresh ends the session (expired, signed out elsewhere, or a copied token).
        if (res.status === 401 || res.status === 400) setSession(null);
        return null;
      }
      const next = sessionFrom((await res.json()) as TokenAnswer, session.user);
      setSession(next);
      return next;
    } catch {
      return null; // offline: the next request or timer tries again
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** A request with the bearer token; a 401 is retried once after a refresh. */
export async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const send = (session: Session | null) =>
    fetch(path, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), ...(session ? { authorization: `Bearer ${session.accessToken}` } : {}) },
    });
  let session = getSession();
  if (session && session.expiresAt - Date.now() < 5_000) session = await refresh();
  let res = await send(session);
  if (res.status === 401 && session) {
    const renewed = await refresh();
    if (renewed) res = await send(renewed);
  }
  if (!res.ok) throw await errorOf(res);
  return res;
}

async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await request(`/api${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return (text ? JSON.parse(text) : null) as T;
}

/** The most a list of the platform answers at once. */
const PAGE_MAX = 500;

/** Every item of a paged list (`{items, total, limit, offset}`), asked 500 at a time until `total` is read. */
async function all<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  for (;;) {
    const joiner = path.includes('?') ? '&' : '?';
    const page = await json<{ items: T[]; total: number }>('GET', `${path}${joiner}limit=${PAGE_MAX}&offset=${items.length}`);
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}

export const api = {
  get: <T>(path: string) => json<T>('GET', path),
  /** Every item of a paged list, page after page: for a view that needs them all. */
  all,
  post: <T>(path: string, body: unknown = {}) => json<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => json<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => json<T>('PATCH', path, body),
};

/** The caller's trust path prefix: `/trusts/<id>`. */
export function trustPath(): string {
  const trustId = getSession()?.user.trustId;
  if (!trustId) throw new ApiError(403, 'This account belongs to no trust', []);
  return `/trusts/${trustId}`;
}

export async function signIn(email: string, password: string): Promise<Session> {
  const res = await fetch('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw await errorOf(res);
  const answer = (await res.json()) as TokenAnswer & { user: SessionUser };
  const session = sessionFrom(answer, answer.user);
  setSession(session);
  return session;
}

/** Single sign-on's last step: the one-time code the gateway's callback handed the browser, for the tokens. */
export async function exchangeSignInCode(code: string): Promise<Session> {
  const res = await fetch('/api/auth/oidc/exchange', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  if (!res.ok) throw await errorOf(res);
  const answer = (await res.json()) as TokenAnswer;
  // The exchange answers tokens only; who they belong to comes from /api/auth/me.
  const me = await fetch('/api/auth/me', { headers: { authorization: `Bearer ${answer.accessToken}` } });
  if (!me.ok) throw await errorOf(me);
  const session = sessionFrom(answer, (await me.json()) as SessionUser);
  setSession(session);
  return session;
}

export async function signOut(): Promise<void> {
  const session = getSession();
  setSession(null);
  if (session)
    await fetch('/api/auth/sign-out', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    }).catch(() => undefined);
}

/** Downloads an authenticated file (a CSV export) through a temporary object URL. */
export async function download(path: string, filename: string): Promise<void> {
  const res = await request(`/api${path}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
