import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { CallerIdentity, conflict, invalidField, Role, SCHOOL_ROLES, sqlState, unprocessable } from '@trustwide/common';
import { GatewayConfig } from '../gateway.config';
import { Accounts, hashPassword, normaliseEmail } from './accounts.service';
import { Audit } from './audit';
import { PasswordReset, TrustSignIn, User } from './auth.entities';
import { Clock } from './clock';
import { forbidden, notFound, unauthorized } from './errors';
import { staffLinkProblem, type StaffRecordSeen } from './staff-link';
import { opaqueToken, sha256 } from './tokens.service';

/** A user as the API shows it (never the hash or the provider subject). */
export interface UserResponse {
  id: string;
  trustId: string | null;
  email: string;
  displayName: string | null;
  roles: Role[];
  schoolIds: string[];
  /** The staff record this account signs in for (the people service's staff id); null: not linked. */
  staffId: string | null;
  signIn: 'password' | 'oidc' | 'not-set';
  disabled: boolean;
}

export const mapUser = (u: User): UserResponse => ({
  id: u.id,
  trustId: u.trustId,
  email: u.email,
  displayName: u.displayName,
  roles: [...u.roles].sort(),
  schoolIds: u.schoolIds,
  staffId: u.staffId ?? null,
  signIn: u.oidcSubject ? 'oidc' : u.passwordHash ? 'password' : 'not-set',
  disabled: u.disabledAt !== null,
});

export interface OneTimeLink {
  link: string;
  token: string;
  expiresAt: string;
}

export interface NewUser {
  email: string;
  displayName?: string;
  roles: Role[];
  schoolIds?: string[];
  staffId?: string | null;
  password?: string;
}

export interface UserChange {
  displayName?: string;
  roles?: Role[];
  schoolIds?: string[];
  disabled?: boolean;
  /** A staff id links the account to that record; null unlinks it; absent leaves it. */
  staffId?: string | null;
}

const STAFF_LINK_INDEX = 'users_staff';
const linkedElsewhere = (staffId: string) =>
  conflict('staffId', `staff record ${staffId} is already linked to another account: unlink it there first`);

/** Rules on roles that hold whoever asks: never platform-admin in a trust, schools only with headteacher. */
function checkRoles(roles: Role[], schoolIds: string[]): void {
  if (roles.length === 0) throw invalidField('roles', 'give at least one role');
  if (roles.includes('platform-admin')) throw invalidField('roles', 'platform-admin is not a trust role');
  const leadsSchools = roles.some((r) => SCHOOL_ROLES.includes(r));
  if (leadsSchools && schoolIds.length === 0)
    throw invalidField('schoolIds', 'a headteacher or head of school leads at least one school: give its school id');
  if (!leadsSchools && schoolIds.length > 0) throw invalidField('schoolIds', 'schools are given only to a headteacher or head of school');
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

/** A trust's users and roles, managed by its trust administrators (and by platform administrators for the first one). */
@Injectable()
export class Users {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: Audit,
    private readonly clock: Clock,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {}

  async create(actor: CallerIdentity, trustId: string, input: NewUser): Promise<{ user: UserResponse; setPasswordLink?: OneTimeLink }> {
    const schoolIds = input.schoolIds ?? [];
    checkRoles(input.roles, schoolIds);
    const email = normaliseEmail(input.email);
    if (input.password !== undefined) Accounts.checkPassword(input.password, { email, trustName: await this.trustName(trustId) });
    return this.dataSource.transaction(async (m) => {
      if (await m.existsBy(User, { email }))
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: 'an account with this e-mail address exists',
          errors: [{ field: 'email', problems: ['an account with this e-mail address exists'] }],
        });
      const user = m.create(User, {
        id: randomUUID(),
        trustId,
        email,
        displayName: input.displayName ?? null,
        passwordHash: input.password ? await hashPassword(input.password) : null,
        roles: [...new Set(input.roles)],
        schoolIds,
        staffId: input.staffId ?? null,
        oidcSubject: null,
        authzVersion: 1,
        disabledAt: null,
      });
      if (user.staffId) await this.checkStaffLink(m, trustId, user.id, user.staffId);
      await this.saveLinked(m, user);
      await this.audit.record(
        m,
        'gateway.user.created',
        trustId,
        user.id,
        { userId: user.id, roles: user.roles, schoolIds, account: 'local', ...(user.staffId ? { staffId: user.staffId } : {}) },
        actor.userId,
      );
      const setPasswordLink = input.password ? undefined : await this.oneTimeLink(m, actor, user);
      return { user: mapUser(user), ...(setPasswordLink ? { setPasswordLink } : {}) };
    });
  }

  async list(trustId: string): Promise<UserResponse[]> {
    return (await this.dataSource.getRepository(User).find({ where: { trustId }, order: { email: 'ASC' } })).map(mapUser);
  }

  async get(trustId: string, userId: string): Promise<UserResponse> {
    return mapUser(await this.find(this.dataSource.manager, trustId, userId));
  }

  async change(actor: CallerIdentity, trustId: string, userId: string, change: UserChange, accounts: Accounts): Promise<UserResponse> {
    return this.dataSource.transaction(async (m) => {
      const user = await this.find(m, trustId, userId, true);
      const roles = change.roles ? [...new Set(change.roles)] : user.roles;
      const schoolIds = change.schoolIds ?? (roles.some((r) => SCHOOL_ROLES.includes(r)) ? user.schoolIds : []);
      checkRoles(roles, schoolIds);
      if (user.id === actor.userId && (change.disabled || !roles.includes('trust-admin')) && actor.roles.includes('trust-admin')) {
        throw forbidden('you cannot disable yourself or give up your own trust-admin role: ask another trust administrator', 'roles');
      }
      let authzChanged = false;
      if (!sameSet(roles, user.roles) || !sameSet(schoolIds, user.schoolIds)) {
        await this.audit.record(
          m,
          'gateway.user.roles-changed',
          trustId,
          user.id,
          { userId: user.id, from: user.roles, to: roles, schoolIdsFrom: user.schoolIds, schoolIdsTo: schoolIds, via: 'admin' },
          actor.userId,
        );
        user.roles = roles;
        user.schoolIds = schoolIds;
        authzChanged = true;
      }
      if (change.disabled !== undefined && change.disabled !== (user.disabledAt !== null)) {
        user.disabledAt = change.disabled ? this.clock.now() : null;
        await this.audit.record(
          m,
          'gateway.user.status-changed',
          trustId,
          user.id,
          { userId: user.id, status: change.disabled ? 'disabled' : 'enabled' },
          actor.userId,
        );
        if (change.disabled) await accounts.revokeAll(m, user, 'disabled');
        authzChanged = true;
      }
      if (change.staffId !== undefined && change.staffId !== user.staffId) {
        if (change.staffId) await this.checkStaffLink(m, trustId, user.id, change.staffId);
        await this.audit.record(
          m,
          'gateway.user.staff-link-changed',
          trustId,
          user.id,
          { userId: user.id, staffIdFrom: user.staffId, staffIdTo: change.staffId },
          actor.userId,
        );
        user.staffId = change.staffId;
        authzChanged = true; // tokens carry the link (stf): older ones must not act as the record any more
      }
      if (change.displayName !== undefined) user.displayName = change.displayName;
      if (authzChanged) user.authzVersion += 1;
      await this.saveLinked(m, user);
      return mapUser(user);
    });
  }

  /** A one-time link to set a new password, shown to the administrator (no e-mail is sent); earlier links stop working. */
  async issueReset(actor: CallerIdentity, trustId: string, userId: string): Promise<OneTimeLink> {
    return this.dataSource.transaction(async (m) => this.oneTimeLink(m, actor, await this.find(m, trustId, userId, true)));
  }

  /** Sets the password through a one-time link; the user's sessions end. */
  async completeReset(token: string, password: string, accounts: Accounts): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const reset = await m.findOne(PasswordReset, { where: { tokenHash: sha256(token) }, lock: { mode: 'pessimistic_write' } });
      if (!reset || reset.usedAt || reset.expiresAt <= this.clock.now())
        throw unauthorized('this link is not valid any more: ask your trust administrator for a new one', 'token');
      const user = await m.findOneByOrFail(User, { id: reset.userId });
      Accounts.checkPassword(password, { email: user.email, trustName: user.trustId ? await this.trustName(user.trustId, m) : null });
      await m.update(PasswordReset, { tokenHash: reset.tokenHash }, { usedAt: this.clock.now() });
      await m.update(User, { id: user.id }, { passwordHash: await hashPassword(password) });
      await accounts.revokeAll(m, user, 'password-changed');
      await this.audit.record(m, 'gateway.user.password-changed', user.trustId, user.id, { userId: user.id, via: 'reset-link' }, user.id);
    });
  }

  async trustName(trustId: string, m: EntityManager = this.dataSource.manager): Promise<string | null> {
    return (await m.findOneBy(TrustSignIn, { trustId }))?.trustName ?? null;
  }

  private async oneTimeLink(m: EntityManager, actor: CallerIdentity, user: User): Promise<OneTimeLink> {
    const now = this.clock.now();
    const token = opaqueToken();
    const expiresAt = new Date(now.getTime() + this.config.PASSWORD_RESET_TTL_HOURS * 3_600_000);
    await m.update(PasswordReset, { userId: user.id, usedAt: IsNull() }, { usedAt: now });
    await m.insert(PasswordReset, {
      tokenHash: sha256(token),
      userId: user.id,
      createdBy: actor.userId,
      createdAt: now,
      expiresAt,
      usedAt: null,
    });
    await this.audit.record(
      m,
      'gateway.user.password-reset-issued',
      user.trustId,
      user.id,
      { userId: user.id, expiresAt: expiresAt.toISOString() },
      actor.userId,
    );
    const link = new URL('/set-password', this.config.PUBLIC_URL);
    link.hash = `token=${token}`; // in the fragment: never sent to a server or written to its access log
    return { link: link.href, token, expiresAt: expiresAt.toISOString() };
  }

  /**
   * A record may be linked when the gateway's read model knows it in this trust and it is not erased (422 on
   * staffId), and no other account holds it (409; the unique index answers the same to a concurrent link).
   */
  private async checkStaffLink(m: EntityManager, trustId: string, userId: string, staffId: string): Promise<void> {
    const [record] = await m.query<StaffRecordSeen[]>(`SELECT status, erased FROM rm_people WHERE trust_id = $1 AND staff_id = $2`, [
      trustId,
      staffId,
    ]);
    const problem = staffLinkProblem(staffId, record);
    if (problem) throw unprocessable('staffId', problem);
    const [other] = await m.query<{ id: string }[]>(`SELECT id FROM users WHERE trust_id = $1 AND staff_id = $2 AND id <> $3`, [
      trustId,
      staffId,
      userId,
    ]);
    if (other) throw linkedElsewhere(staffId);
  }

  /** Saves the user; a concurrent link of the same record meets the unique index and is the same 409. */
  private async saveLinked(m: EntityManager, user: User): Promise<void> {
    try {
      await m.save(user);
    } catch (err) {
      const constraint = (err as { constraint?: string; driverError?: { constraint?: string } }).driverError?.constraint;
      if (sqlState(err) === '23505' && constraint === STAFF_LINK_INDEX && user.staffId) throw linkedElsewhere(user.staffId);
      throw err;
    }
  }

  private async find(m: EntityManager, trustId: string, userId: string, lock = false): Promise<User> {
    const user = await m.findOne(User, {
      where: { id: userId, trustId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!user) throw notFound(`no user ${userId} in this trust`, 'userId');
    return user;
  }
}
