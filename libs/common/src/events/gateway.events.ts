import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { ROLES, type Role } from '../auth/identity';

/**
 * Contracts of the gateway's audit events (topic `trustwide.gateway`): sign-ins, failures, accounts, roles and
 * sessions. Ids and roles only: no e-mail addresses, passwords or tokens. Events about no trust (a platform
 * administrator, an unknown account) carry PLATFORM_TRUST_ID as their trustId.
 */
export const PLATFORM_TRUST_ID = '00000000-0000-0000-0000-000000000000';

export const SIGN_IN_METHODS = ['password', 'oidc'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

export const SIGN_IN_FAILURES = ['unknown-account', 'wrong-password', 'no-password', 'disabled', 'rate-limited', 'invalid-id-token', 'no-role'] as const;
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
