import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from './clock';
import type { TokenPair } from './tokens.service';

/** How long the dashboard has to exchange the code single sign-on hands it. */
export const SIGN_IN_CODE_TTL_MS = 60_000;

const hashOf = (code: string) => createHash('sha256').update(code).digest('base64url');
const keyOf = (code: string) => Buffer.from(hkdfSync('sha256', code, Buffer.alloc(0), 'trustwide sign-in code', 32));

/** AES-256-GCM under a key derived from the code: IV (12 bytes) | tag (16) | ciphertext. */
export function seal(code: string, tokens: TokenPair): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(code), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(tokens), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function unseal(code: string, sealed: Buffer): TokenPair {
  const decipher = createDecipheriv('aes-256-gcm', keyOf(code), sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8')) as TokenPair;
}

/**
 * One-time codes for the last step of single sign-on in a browser: the callback keeps the tokens here and sends
 * the browser to the dashboard with a code, which the dashboard exchanges once (POST) for the tokens, so tokens
 * never appear in a URL, a history entry or a log. In the gateway's database, so the exchange may reach any
 * replica; taking a code deletes its row in the same statement, so two exchanges of one code can't both succeed.
 */
@Injectable()
export class SignInCodes {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async issue(tokens: TokenPair): Promise<string> {
    const now = this.clock.now();
    // Expired codes nobody exchanged: swept here, where codes are made, so the table stays small.
    await this.dataSource.query(`DELETE FROM sign_in_codes WHERE expires_at <= $1`, [now]);
    const code = randomBytes(32).toString('base64url');
    await this.dataSource.query(`INSERT INTO sign_in_codes (code_hash, sealed, expires_at) VALUES ($1, $2, $3)`, [
      hashOf(code),
      seal(code, tokens),
      new Date(now.getTime() + SIGN_IN_CODE_TTL_MS),
    ]);
    return code;
  }

  /** The tokens of `code`, once; null for an unknown, used or expired code. */
  async take(code: string): Promise<TokenPair | null> {
    // A DELETE's answer through TypeORM is [rows, count].
    const [rows] = await this.dataSource.query<[{ sealed: Buffer; expires_at: Date }[], number]>(
      `DELETE FROM sign_in_codes WHERE code_hash = $1 RETURNING sealed, expires_at`,
      [hashOf(code)],
    );
    const row = rows[0];
    if (!row || row.expires_at <= this.clock.now()) return null;
    return unseal(code, row.sealed);
  }
}
