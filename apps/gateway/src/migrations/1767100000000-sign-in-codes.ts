import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on's one-time codes, kept in the database so that any replica can take the dashboard's exchange.
 * A row holds the code's SHA-256 and the tokens sealed with a key derived from the code itself: the database alone
 * gives neither the code nor the tokens.
 */
export class SignInCodes1767100000000 implements MigrationInterface {
  name = 'SignInCodes1767100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE sign_in_codes (
      code_hash text PRIMARY KEY,
      sealed bytea NOT NULL,
      expires_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX sign_in_codes_expiry ON sign_in_codes (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sign_in_codes`);
  }
}
