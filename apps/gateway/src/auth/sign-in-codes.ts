import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { TokenPair } from './tokens.service';

/** How long the dashboard has to exchange the code single sign-on hands it. */
export const SIGN_IN_CODE_TTL_MS = 60_000;

/**
 * One-time codes for the last step of single sign-on in a browser: the callback keeps the tokens here and sends
 * the browser to the dashboard with a code, which the dashboard exchanges once (POST) for the tokens, so tokens
 * never appear in a URL, a history entry or a log. Kept in this gateway's memory: with several replicas the
 * exchange must reach the replica that took the callback (sticky sessions), or it fails and the user starts again.
 */
@Injectable()
export class SignInCodes {
  private readonly codes = new Map<string, { tokens: TokenPair; expiresAt: number }>();

  issue(tokens: TokenPair): string {
    this.sweep();
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, { tokens, expiresAt: Date.now() + SIGN_IN_CODE_TTL_MS });
    return code;
  }

  /** The tokens of `code`, once; null for an unknown, used or expired code. */
  take(code: string): TokenPair | null {
    const entry = this.codes.get(code);
    this.codes.delete(code);
    return entry && entry.expiresAt > Date.now() ? entry.tokens : null;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [code, entry] of this.codes) if (entry.expiresAt <= now) this.codes.delete(code);
  }
}
