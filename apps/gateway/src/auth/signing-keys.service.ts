import { Inject, Injectable } from '@nestjs/common';
import { createLocalJWKSet, CryptoKey, exportJWK, generateKeyPair, importJWK, JSONWebKeySet, JWK, JWTVerifyGetKey } from 'jose';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { CALLER_TOKEN_TTL_SECONDS, SIGNING_ALG, SigningKey } from '@trustwide/common';
import { GatewayConfig } from '../gateway.config';
import { SigningKeyRow } from './auth.entities';
import { Clock } from './clock';

/** How long a replica uses the keys it read before reading them again (another replica may have rotated). */
const CACHE_MS = 60_000;
/** Margin for clocks and that cache: a retired key stays published this much longer than its last token can live. */
const KEEP_MARGIN_MS = 5 * 60_000;
/** Lock key taken while rotating, so two replicas never both make a new key. */
const ROTATION_LOCK = 7_463_001;

interface Loaded {
  at: number;
  current: SigningKey & { createdAt: Date };
  published: JSONWebKeySet;
  verify: JWTVerifyGetKey;
}

/**
 * The gateway's ES256 signing keys, kept in its database. The newest unretired key signs; it is replaced every
 * SIGNING_KEY_ROTATION_DAYS (checked when a token is signed) or on demand (`rotate`). A retired key stays in
 * the JWKS until every token it signed has expired, then its row is deleted. Private keys are stored as JWKs in
 * the gateway's database (not yet encrypted at rest: protect that database as you would the keys).
 */
@Injectable()
export class SigningKeys {
  private loaded?: Loaded;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
    private readonly clock: Clock,
  ) {}

  /** The key that signs now (made or replaced first when due). */
  async current(): Promise<SigningKey> {
    let keys = await this.keys();
    if (this.clock.now().getTime() - keys.current.createdAt.getTime() >= this.config.SIGNING_KEY_ROTATION_DAYS * 86_400_000) {
      await this.rotate(false);
      keys = await this.keys(true);
    }
    return keys.current;
  }

  /** The published keys (GET /.well-known/jwks.json). */
  async jwks(): Promise<JSONWebKeySet> {
    return (await this.keys()).published;
  }

  /** Key lookup for verifying the gateway's own tokens; reads the keys again for a kid it does not know yet. */
  verifier(): JWTVerifyGetKey {
    return async (header, token) => {
      let keys = await this.keys();
      if (header.kid && !keys.published.keys.some((k) => k.kid === header.kid)) keys = await this.keys(true);
      return keys.verify(header, token);
    };
  }

  /**
   * Retires the signing key and makes a new one. `force` false: only when the current one is still due (another
   * replica may just have rotated). Returns the new key id.
   */
  async rotate(force = true): Promise<string | null> {
    const now = this.clock.now();
    const keepFor = Math.max(this.config.ACCESS_TOKEN_TTL_SECONDS, CALLER_TOKEN_TTL_SECONDS) * 1000 + CACHE_MS + KEEP_MARGIN_MS;
    const kid = await this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [ROTATION_LOCK]);
      const live = await m.findOne(SigningKeyRow, { where: { retiredAt: IsNull() }, order: { createdAt: 'DESC' } });
      if (!force && live && now.getTime() - live.createdAt.getTime() < this.config.SIGNING_KEY_ROTATION_DAYS * 86_400_000) return null;
      await m.query(`UPDATE signing_keys SET retired_at = $1, expires_at = $2 WHERE retired_at IS NULL`, [now, new Date(now.getTime() + keepFor)]);
      await m.query(`DELETE FROM signing_keys WHERE expires_at < $1`, [now]);
      const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
      const row = m.create(SigningKeyRow, {
        kid: randomUUID(),
        alg: SIGNING_ALG,
        publicJwk: { ...(await exportJWK(publicKey)) },
        privateJwk: { ...(await exportJWK(privateKey)) },
        createdAt: now,
        retiredAt: null,
        expiresAt: null,
      });
      await m.save(row);
      return row.kid;
    });
    this.loaded = undefined;
    return kid;
  }

  private async keys(fresh = false): Promise<Loaded> {
    const nowMs = this.clock.now().getTime();
    if (!fresh && this.loaded && nowMs - this.loaded.at >= 0 && nowMs - this.loaded.at < CACHE_MS) return this.loaded;
    let rows = await this.dataSource.getRepository(SigningKeyRow).find({ order: { createdAt: 'DESC' } });
    if (!rows.some((r) => !r.retiredAt)) {
      await this.rotate(false);
      rows = await this.dataSource.getRepository(SigningKeyRow).find({ order: { createdAt: 'DESC' } });
    }
    const signing = rows.find((r) => !r.retiredAt)!;
    const publishedRows = rows.filter((r) => !r.expiresAt || r.expiresAt.getTime() > nowMs);
    const published: JSONWebKeySet = {
      keys: publishedRows.map((r) => ({ ...(r.publicJwk as JWK), kid: r.kid, alg: r.alg, use: 'sig' })),
    };
    this.loaded = {
      at: nowMs,
      current: { kid: signing.kid, privateKey: (await importJWK(signing.privateJwk as JWK, signing.alg)) as CryptoKey, createdAt: signing.createdAt },
      published,
      verify: createLocalJWKSet(published),
    };
    return this.loaded;
  }
}
