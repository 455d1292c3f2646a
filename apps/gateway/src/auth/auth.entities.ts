import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '@trustwide/common';

/** Someone who can sign in: a local account (email + password) or one a trust's OpenID Connect provider vouches for. */
@Entity({ name: 'users' })
export class User {
  @PrimaryColumn('uuid') id: string;
  /** The trust the user belongs to; null only for platform administrators. */
  @Column({ name: 'trust_id', type: 'uuid', nullable: true }) trustId: string | null;
  /** Lower-cased; unique across the platform. */
  @Column('text') email: string;
  @Column({ name: 'display_name', type: 'text', nullable: true }) displayName: string | null;
  /** argon2id; null for accounts that sign in only through their trust's provider (or have not set one yet). */
  @Column({ name: 'password_hash', type: 'text', nullable: true }) passwordHash: string | null;
  @Column({ type: 'text', array: true }) roles: Role[];
  @Column({ name: 'school_ids', type: 'text', array: true }) schoolIds: string[];
  /** The people service's staff id of the member of staff who signs in here (unique per trust); null: not linked. */
  @Column({ name: 'staff_id', type: 'uuid', nullable: true }) staffId: string | null;
  /** The provider's `sub` for single sign-on users (unique per trust). */
  @Column({ name: 'oidc_subject', type: 'text', nullable: true }) oidcSubject: string | null;
  /** Raised by every change to roles, schools or status: access tokens carrying an older one stop working. */
  @Column({ name: 'authz_version', type: 'int' }) authzVersion: number;
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** One sign-in: its refresh tokens form a family; revoking the session ends them all and its access tokens. */
@Entity({ name: 'sessions' })
export class Session {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column('text') method: 'password' | 'oidc';
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @Column({ name: 'revoked_reason', type: 'text', nullable: true }) revokedReason: string | null;
}

/** A refresh token, stored only as its SHA-256; `used_at` set when it was exchanged (a second use is theft). */
@Entity({ name: 'refresh_tokens' })
export class RefreshToken {
  @PrimaryColumn({ name: 'token_hash', type: 'text' }) tokenHash: string;
  @Column({ name: 'session_id', type: 'uuid' }) sessionId: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true }) usedAt: Date | null;
}

/**
 * The gateway's signing keys. `current` signs; `next` is published before it signs (services that cached the
 * JWKS already know it when it takes over); `retired` ones stay published until `expires_at`.
 */
@Entity({ name: 'signing_keys' })
export class SigningKeyRow {
  @PrimaryColumn('text') kid: string;
  @Column('text') alg: string;
  @Column({ name: 'public_jwk', type: 'jsonb' }) publicJwk: Record<string, unknown>;
  @Column({ name: 'private_jwk', type: 'jsonb' }) privateJwk: Record<string, unknown>;
  @Column('text') status: 'next' | 'current' | 'retired';
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true }) activatedAt: Date | null;
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true }) retiredAt: Date | null;
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true }) expiresAt: Date | null;
}

/** A one-time password (re)set link a trust administrator handed to a user; stored as its SHA-256. */
@Entity({ name: 'password_resets' })
export class PasswordReset {
  @PrimaryColumn({ name: 'token_hash', type: 'text' }) tokenHash: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true }) usedAt: Date | null;
}

/** How a trust's users sign in: its name (passwords may not contain it) and its OpenID Connect provider. */
@Entity({ name: 'trust_sign_in' })
export class TrustSignIn {
  @PrimaryColumn({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'trust_name', type: 'text', nullable: true }) trustName: string | null;
  @Column({ name: 'oidc_issuer', type: 'text', nullable: true }) oidcIssuer: string | null;
  @Column({ name: 'oidc_client_id', type: 'text', nullable: true }) oidcClientId: string | null;
  @Column({ name: 'oidc_client_secret', type: 'text', nullable: true }) oidcClientSecret: string | null;
  /** The ID token claim holding groups or roles, e.g. `groups` (Entra ID) or `roles`. */
  @Column({ name: 'oidc_role_claim', type: 'text', nullable: true }) oidcRoleClaim: string | null;
  /** Claim value → Trustwide roles, e.g. `{ "b7c1…": ["ceo"], "Trustwide HR": ["hr"] }`. */
  @Column({ name: 'oidc_role_mapping', type: 'jsonb', nullable: true }) oidcRoleMapping: Record<string, Role[]> | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** An authorization-code flow under way: what the callback must find (state), check (nonce) and send (PKCE verifier). */
@Entity({ name: 'oidc_states' })
export class OidcState {
  @PrimaryColumn('text') state: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column('text') nonce: string;
  @Column({ name: 'code_verifier', type: 'text' }) codeVerifier: string;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
}

export const AUTH_ENTITIES = [User, Session, RefreshToken, SigningKeyRow, PasswordReset, TrustSignIn, OidcState];
