import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import * as argon2 from 'argon2';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { invalidField, JsonLogger, SignInFailure } from '@trustwide/common';
import { GatewayConfig } from '../gateway.config';
import { Audit } from './audit';
import { RefreshToken, Session, User } from './auth.entities';
import { Clock } from './clock';
import { TooManyAttempts, unauthorized } from './errors';
import { passwordProblems } from './password-policy';
import { SlidingWindowLimiter } from './rate-limiter';
import { sha256, TokenPair, Tokens } from './tokens.service';

/** argon2id with OWASP's first recommended setting (19 MiB, 2 passes, 1 lane): about 30 ms here. */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => argon2.hash(password, ARGON2_OPTIONS);
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** Sign-in with a password, refresh, sign-out; the rate limits and the audit events that go with them. */
@Injectable()
export class Accounts implements OnApplicationBootstrap {
  private readonly perAddress: SlidingWindowLimiter;
  private readonly perAccount: SlidingWindowLimiter;
  /** Keys whose refusal was already recorded in this window: a flood of refused attempts is one audit event. */
  private readonly refusalRecorded = new Map<string, number>();
  /** Verified against when the account does not exist, so the answer takes as long either way. */
  private readonly dummyHash = hashPassword(randomUUID());

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: Tokens,
    private readonly audit: Audit,
    private readonly clock: Clock,
    private readonly logger: JsonLogger,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {
    const windowMs = config.SIGN_IN_WINDOW_SECONDS * 1000;
    this.perAddress = new SlidingWindowLimiter(config.SIGN_IN_MAX_ATTEMPTS_PER_ADDRESS, windowMs);
    this.perAccount = new SlidingWindowLimiter(config.SIGN_IN_MAX_FAILURES_PER_ACCOUNT, windowMs);
  }

  /** Creates the platform administrator named by BOOTSTRAP_ADMIN_EMAIL/PASSWORD when there is none yet. */
  async onApplicationBootstrap(): Promise<void> {
    const { BOOTSTRAP_ADMIN_EMAIL: email, BOOTSTRAP_ADMIN_PASSWORD: password } = this.config;
    if (!email || !password) return;
    const problems = passwordProblems(password, { email });
    if (problems.length > 0) throw new Error(`BOOTSTRAP_ADMIN_PASSWORD is refused: ${problems.join('; ')}`);
    await this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(7463002)');
      const [{ n }] = await m.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM users WHERE 'platform-admin' = ANY (roles)`);
      if (n > 0) return;
      const user = m.create(User, {
        id: randomUUID(),
        trustId: null,
        email: normaliseEmail(email),
        displayName: 'Platform administrator',
        passwordHash: await hashPassword(password),
        roles: ['platform-admin'],
        schoolIds: [],
        oidcSubject: null,
        authzVersion: 1,
        disabledAt: null,
      });
      await m.save(user);
      await this.audit.record(m, 'gateway.user.created', null, user.id, {
        userId: user.id,
        roles: user.roles,
        schoolIds: [],
        account: 'local',
      });
      this.logger.log({ msg: 'created the bootstrap platform administrator', userId: user.id }, 'Accounts');
    });
  }

  async signIn(emailInput: string, password: string, address: string): Promise<TokenPair & { user: User }> {
    const email = normaliseEmail(emailInput);
    const now = this.clock.now().getTime();
    const addressKey = `address:${address}`;
    const accountKey = `account:${email}`;
    const waitAddress = this.perAddress.retryAfter(addressKey, now);
    const waitAccount = this.perAccount.retryAfter(accountKey, now);
    if (waitAddress > 0 || waitAccount > 0) {
      const key = waitAddress > 0 ? addressKey : accountKey;
      if ((this.refusalRecorded.get(key) ?? 0) <= now) {
        this.refusalRecorded.set(key, now + this.config.SIGN_IN_WINDOW_SECONDS * 1000);
        await this.failed(email, null, null, 'rate-limited', address);
      }
      throw new TooManyAttempts(Math.max(waitAddress, waitAccount), waitAddress > 0 ? 'address' : 'email');
    }
    this.perAddress.hit(addressKey, now);
    const user = await this.dataSource.getRepository(User).findOneBy({ email });
    const ok = await argon2.verify(user?.passwordHash ?? (await this.dummyHash), password).catch(() => false);
    const reason: SignInFailure | null = !user
      ? 'unknown-account'
      : !user.passwordHash
        ? 'no-password'
        : !ok
          ? 'wrong-password'
          : user.disabledAt
            ? 'disabled'
            : null;
    if (reason) {
      this.perAccount.hit(accountKey, now);
      await this.failed(email, user?.id ?? null, user?.trustId ?? null, reason, address);
      throw unauthorized('the e-mail address or password is not right', 'password');
    }
    this.perAccount.reset(accountKey);
    return this.dataSource.transaction(async (m) => {
      const { session, tokens } = await this.tokens.startSession(m, user!, 'password');
      await this.audit.record(
        m,
        'gateway.user.signed-in',
        user!.trustId,
        user!.id,
        { userId: user!.id, sessionId: session.id, method: 'password', address },
        user!.id,
      );
      return { ...tokens, user: user! };
    });
  }

  /** Records a refused sign-in (its own transaction: nothing else is written). */
  failed(
    email: string | null,
    userId: string | null,
    trustId: string | null,
    reason: SignInFailure,
    address: string,
    method: 'password' | 'oidc' = 'password',
  ): Promise<unknown> {
    const emailHash = email ? sha256(email) : null;
    return this.dataSource.transaction((m) =>
      this.audit.record(m, 'gateway.user.sign-in-failed', trustId, userId ?? emailHash ?? 'unknown', {
        userId,
        emailHash,
        method,
        reason,
        address,
      }),
    );
  }

  /**
   * Exchanges a refresh token for a new pair. Each refresh token works once: one presented again means it was
   * copied, so the whole session (every token of its family) is revoked and the event says why.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const refused = () => unauthorized('the refresh token is not valid: sign in again', 'refreshToken');
    const result = await this.dataSource.transaction(async (m) => {
      const row = await m.findOne(RefreshToken, { where: { tokenHash: sha256(refreshToken) }, lock: { mode: 'pessimistic_write' } });
      if (!row) return { error: refused() };
      const session = await m.findOne(Session, { where: { id: row.sessionId }, lock: { mode: 'pessimistic_write' } });
      const user = session && (await m.findOneBy(User, { id: session.userId }));
      if (!session || !user || session.revokedAt || user.disabledAt) return { error: refused() };
      const now = this.clock.now();
      if (row.usedAt) {
        await this.revokeSession(m, session, user, 'refresh-token-reuse');
        return { error: refused() };
      }
      if (row.expiresAt <= now) return { error: refused() };
      await m.update(RefreshToken, { tokenHash: row.tokenHash }, { usedAt: now });
      return { tokens: await this.tokens.pair(m, user, session.id) };
    });
    if (result.error) throw result.error;
    return result.tokens;
  }

  /** Ends the session of a refresh token (and so its access tokens); an unknown token changes nothing. */
  async signOut(refreshToken: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const row = await m.findOneBy(RefreshToken, { tokenHash: sha256(refreshToken) });
      const session = row && (await m.findOne(Session, { where: { id: row.sessionId }, lock: { mode: 'pessimistic_write' } }));
      const user = session && (await m.findOneBy(User, { id: session.userId }));
      if (session && user && !session.revokedAt) await this.revokeSession(m, session, user, 'sign-out');
    });
  }

  async revokeSession(
    m: EntityManager,
    session: Session,
    user: User,
    reason: 'sign-out' | 'refresh-token-reuse' | 'password-changed' | 'disabled',
  ): Promise<void> {
    await m.update(Session, { id: session.id }, { revokedAt: this.clock.now(), revokedReason: reason });
    await this.audit.record(m, 'gateway.user.session-revoked', user.trustId, user.id, { userId: user.id, sessionId: session.id, reason });
  }

  /** Ends every open session of a user (password changed, account disabled). */
  async revokeAll(m: EntityManager, user: User, reason: 'password-changed' | 'disabled'): Promise<void> {
    const open = await m.query<{ id: string }[]>(`SELECT id FROM sessions WHERE user_id = $1 AND revoked_at IS NULL FOR UPDATE`, [user.id]);
    for (const { id } of open) await this.revokeSession(m, { id } as Session, user, reason);
  }

  /** Refuses a password that breaks the rules, with every reason, as a 400 on `field`. */
  static checkPassword(password: string, context: { email?: string | null; trustName?: string | null }, field = 'password'): void {
    const problems = passwordProblems(password, context);
    if (problems.length > 0) throw invalidField(field, ...problems);
  }
}
