import { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts, sessions and their refresh tokens, signing keys, reset links and each trust's sign-in settings. */
export class SignIn1764000000100 implements MigrationInterface {
  name = 'SignIn1764000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE users (
      id uuid PRIMARY KEY,
      trust_id uuid,
      email text NOT NULL,
      display_name text,
      password_hash text,
      roles text[] NOT NULL,
      school_ids text[] NOT NULL DEFAULT '{}',
      oidc_subject text,
      authz_version int NOT NULL DEFAULT 1,
      disabled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT users_trust_unless_platform CHECK (trust_id IS NOT NULL OR roles = ARRAY['platform-admin'])
    )`);
    await q.query(`CREATE UNIQUE INDEX users_email ON users (email)`);
    await q.query(`CREATE UNIQUE INDEX users_oidc_subject ON users (trust_id, oidc_subject) WHERE oidc_subject IS NOT NULL`);
    await q.query(`CREATE INDEX users_trust ON users (trust_id)`);
    await q.query(`CREATE TABLE sessions (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users (id),
      method text NOT NULL,
      created_at timestamptz NOT NULL,
      revoked_at timestamptz,
      revoked_reason text
    )`);
    await q.query(`CREATE INDEX sessions_user ON sessions (user_id) WHERE revoked_at IS NULL`);
    await q.query(`CREATE TABLE refresh_tokens (
      token_hash text PRIMARY KEY,
      session_id uuid NOT NULL REFERENCES sessions (id),
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    )`);
    await q.query(`CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id)`);
    await q.query(`CREATE TABLE signing_keys (
      kid text PRIMARY KEY,
      alg text NOT NULL,
      public_jwk jsonb NOT NULL,
      private_jwk jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('next', 'current', 'retired')),
      created_at timestamptz NOT NULL,
      activated_at timestamptz,
      retired_at timestamptz,
      expires_at timestamptz
    )`);
    await q.query(`CREATE UNIQUE INDEX signing_keys_one_current ON signing_keys (status) WHERE status IN ('next', 'current')`);
    await q.query(`CREATE TABLE password_resets (
      token_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users (id),
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    )`);
    await q.query(`CREATE TABLE trust_sign_in (
      trust_id uuid PRIMARY KEY,
      trust_name text,
      oidc_issuer text,
      oidc_client_id text,
      oidc_client_secret text,
      oidc_role_claim text,
      oidc_role_mapping jsonb,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE oidc_states (
      state text PRIMARY KEY,
      trust_id uuid NOT NULL,
      nonce text NOT NULL,
      code_verifier text NOT NULL,
      expires_at timestamptz NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE oidc_states, trust_sign_in, password_resets, signing_keys, refresh_tokens, sessions, users`);
  }
}
