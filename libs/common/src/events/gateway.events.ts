import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { ROLES, type Role } from '../auth/identity';
import { defineEvents } from './define-events';
import { Topics } from './topics';

/**
 * Contracts of the gateway's audit events (topic `trustwide.gateway`): sign-ins, failures, accounts, roles and
 * sessions. Ids and roles only: no e-mail addresses, passwords or tokens. Events about no trust (a platform
 * administrator, an unknown account) carry PLATFORM_TRUST_ID as their trustId.
 */
export const PLATFORM_TRUST_ID = '00000000-0000-0000-0000-000000000000';

export const SIGN_IN_METHODS = ['password', 'oidc'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

export const SIGN_IN_FAILURES = [
  'unknown-account',
  'wrong-password',
  'no-password',
  'disabled',
  'rate-limited',
  'invalid-id-token',
  'no-role',
] as const;
export type SignInFailure = (typeof SIGN_IN_FAILURES)[number];

export const SESSION_END_REASONS = ['sign-out', 'refresh-token-reuse', 'password-changed', 'disabled'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

export class UserSignedInV1 {
  @IsUUID() userId: string;
  @IsUUID() sessionId: string;
  @IsIn(SIGN_IN_METHODS) method: SignInMethod;
  /** The address the request came from. */
  @IsString() @Length(1, 100) address: string;
}

export class UserSignInFailedV1 {
  /** Null when no account matched. */
  @IsOptional() @IsUUID() userId: string | null;
  /** SHA-256 of the e-mail address tried (lower-cased), to follow repeated attempts without storing it. */
  @IsOptional() @IsString() @Length(64, 64) emailHash: string | null;
  @IsIn(SIGN_IN_METHODS) method: SignInMethod;
  @IsIn(SIGN_IN_FAILURES) reason: SignInFailure;
  @IsString() @Length(1, 100) address: string;
}

export class UserCreatedV1 {
  @IsUUID() userId: string;
  @IsArray() @IsIn(ROLES, { each: true }) roles: Role[];
  @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) schoolIds: string[];
  @IsIn(['local', 'oidc']) account: 'local' | 'oidc';
  /** The staff record the account was linked to at creation (added later: absent in older events and when not linked). */
  @IsOptional() @IsUUID() staffId?: string;
}

export class UserRolesChangedV1 {
  @IsUUID() userId: string;
  @IsArray() @IsIn(ROLES, { each: true }) from: Role[];
  @IsArray() @IsIn(ROLES, { each: true }) to: Role[];
  @IsArray() @IsString({ each: true }) schoolIdsFrom: string[];
  @IsArray() @IsString({ each: true }) schoolIdsTo: string[];
  /** `trust-admin` (by hand) or `oidc` (the trust's provider said so at sign-in). */
  @IsIn(['admin', 'oidc']) via: 'admin' | 'oidc';
}

export class UserStaffLinkChangedV1 {
  @IsUUID() userId: string;
  /** The staff record linked before; null: none. */
  @IsOptional() @IsUUID() staffIdFrom: string | null;
  /** The staff record linked now; null: unlinked. */
  @IsOptional() @IsUUID() staffIdTo: string | null;
}

export class UserStatusChangedV1 {
  @IsUUID() userId: string;
  @IsIn(['enabled', 'disabled']) status: 'enabled' | 'disabled';
}

export class SessionRevokedV1 {
  @IsUUID() userId: string;
  @IsUUID() sessionId: string;
  @IsIn(SESSION_END_REASONS) reason: SessionEndReason;
}

export class PasswordResetIssuedV1 {
  @IsUUID() userId: string;
  @IsISO8601({ strict: true }) expiresAt: string;
}

export class PasswordChangedV1 {
  @IsUUID() userId: string;
  @IsIn(['reset-link']) via: 'reset-link';
}

/** The gateway's events (sign-in audit), on its topic (`trustwide.gateway`). */
export const GATEWAY_EVENTS = defineEvents(Topics.gateway, {
  'gateway.user.signed-in': {
    aggregateType: 'user',
    version: 1,
    data: UserSignedInV1,
    description: "A user signed in (password or their trust's OpenID Connect provider) and a session began.",
  },
  'gateway.user.sign-in-failed': {
    aggregateType: 'user',
    version: 1,
    data: UserSignInFailedV1,
    description: 'A sign-in was refused, with the reason; for an unknown account the aggregate is the SHA-256 of the e-mail tried.',
  },
  'gateway.user.created': {
    aggregateType: 'user',
    version: 1,
    data: UserCreatedV1,
    description: 'An account was created by an administrator, or on first single sign-on, with its roles.',
  },
  'gateway.user.roles-changed': {
    aggregateType: 'user',
    version: 1,
    data: UserRolesChangedV1,
    description: "A user's roles or schools changed, by an administrator or by the trust's provider at sign-in.",
  },
  'gateway.user.staff-link-changed': {
    aggregateType: 'user',
    version: 1,
    data: UserStaffLinkChangedV1,
    description:
      "An administrator linked an account to a staff record (the member of staff who signs in with it), moved the link or removed it; the services take a linked caller's staff id as the acting QA lead or reviewer.",
  },
  'gateway.user.status-changed': {
    aggregateType: 'user',
    version: 1,
    data: UserStatusChangedV1,
    description: 'An account was disabled (its sessions end) or enabled again.',
  },
  'gateway.user.session-revoked': {
    aggregateType: 'user',
    version: 1,
    data: SessionRevokedV1,
    description: 'A session ended before its time: sign-out, a refresh token used twice (theft), a password change or a disabled account.',
  },
  'gateway.user.password-reset-issued': {
    aggregateType: 'user',
    version: 1,
    data: PasswordResetIssuedV1,
    description: 'An administrator made a one-time password link for a user.',
  },
  'gateway.user.password-changed': {
    aggregateType: 'user',
    version: 1,
    data: PasswordChangedV1,
    description: "A user set a new password through a one-time link; the user's sessions ended.",
  },
});
