import { Inject, Injectable } from '@nestjs/common';
import { createLocalJWKSet, CryptoKey, exportJWK, generateKeyPair, importJWK, JSONWebKeySet, JWK, JWTVerifyGetKey } from 'jose';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CALLER_TOKEN_TTL_SECONDS, SIGNING_ALG, SigningKey } from '@trustwide/common';
import { GatewayConfig } from '../gateway.config';
import { SigningKeyRow } from './auth.entities';
import { Clock } from './clock';

/** How long a replica uses the keys it read before reading them again (another replica may have rotated). */
const CACHE_MS = 60_000;
/** Margin for clocks and that cache: a retired key stays published this much longer than its last token can live. */
const KEEP_MARGIN_MS = 5 * 60_000;
/** Lock key taken while changing keys, so two replicas never both make one. */
const KEYS_LOCK = 7_463_001;

interface Loaded {
  at: number;
  current: SigningKey & { activatedAt: Date };
  published: JSONWebKeySet;
  verify: JWTVerifyGetKey;
}

/**
 * The gateway's ES256 signing keys, kept in its database. Three kinds at a time: the `current` key signs; the
 * `next` key is already published in the JWKS, so a service that cached the JWKS (or fetches it with a cooldown)
 * knows it before the first token it signs arrives; `retired` keys stay published until every token they signed
 * has expired, then their rows are deleted. Rotation (every SIGNING_KEY_ROTATION_DAYS, checked when signing, or
 * `rotate()` on demand) retires the current key, promotes the next one and makes a new next one.
 * Private keys are stored as JWKs in the gateway's database (not encrypted at rest yet: protect that database as
 * you would the keys).
 */
@Injectable()
export class SigningKeys {
  private loaded?: Loaded;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
    private readonly clock: Clock,
  ) {}

  /** The key that signs now (rotated first when due). */
  async current(): Promise<SigningKey> {
    let keys = await this.keys();
    if (this.clock.now().getTime() - keys.current.activatedAt.getTime() >= this.rotationMs) {
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
   * Retires the current key and promotes the next one. `force` false: only when the current key is still due
   * (another replica may just have rotated). Returns the key id that signs from now on.
   */
  async rotate(force = true): Promise<string | null> {
    const now = this.clock.now();
    const keepFor = Math.max(this.config.ACCESS_TOKEN_TTL_SECONDS, CALLER_TOKEN_TTL_SECONDS) * 1000 + CACHE_MS + KEEP_MARGIN_MS;
    const kid = await this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [KEYS_LOCK]);
      const current = await m.findOneBy(SigningKeyRow, { status: 'current' });
      if (!force && current && now.getTime() - current.activatedAt!.getTime() < this.rotationMs) return null;
      await m.query(`UPDATE signing_keys SET status = 'retired', retired_at = $1, expires_at = $2 WHERE status = 'current'`, [
        now,
        new Date(now.getTime() + keepFor),
      ]);
      await m.query(`DELETE FROM signing_keys WHERE status = 'retired' AND expires_at < $1`, [now]);
      const [rows] = await m.query<[{ kid: string }[], number]>(
        `UPDATE signing_keys SET status = 'current', activated_at = $1 WHERE status = 'next' RETURNING kid`,
        [now],
      );
      const next = rows[0]?.kid ?? (await this.create(m, 'current', now));
      await this.create(m, 'next', now);
      return next;
    });
    this.loaded = undefined;
    return kid;
  }

  private get rotationMs(): number {
    return this.config.SIGNING_KEY_ROTATION_DAYS * 86_400_000;
  }

  private async create(m: EntityManager, status: 'current' | 'next', now: Date): Promise<string> {
    const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
    const kid = randomUUID();
    await m.insert(SigningKeyRow, {
      kid,
      alg: SIGNING_ALG,
      publicJwk: { ...(await exportJWK(publicKey)) },
      privateJwk: { ...(await exportJWK(privateKey)) },
      status,
      createdAt: now,
      activatedAt: status === 'current' ? now : null,
      retiredAt: null,
      expiresAt: null,
    });
    return kid;
  }

  private async keys(fresh = false): Promise<Loaded> {
    const nowMs = this.clock.now().getTime();
    if (!fresh && this.loaded && nowMs - this.loaded.at >= 0 && nowMs - this.loaded.at < CACHE_MS) return this.loaded;
    const repo = this.dataSource.getRepository(SigningKeyRow);
    let rows = await repo.find({ order: { createdAt: 'DESC' } });
    if (!rows.some((r) => r.status === 'current')) {
      await this.rotate(false); // the first start: a current key and a next one
      rows = await repo.find({ order: { createdAt: 'DESC' } });
    }
    const signing = rows.find((r) => r.status === 'current')!;
    const publishedRows = rows.filter((r) => r.status !== 'retired' || r.expiresAt!.getTime() > nowMs);
    const published: JSONWebKeySet = {
      keys: publishedRows.map((r) => ({ ...(r.publicJwk as JWK), kid: r.kid, alg: r.alg, use: 'sig' })),
    };
    this.loaded = {
      at: nowMs,
      current: {
        kid: signing.kid,
        privateKey: (await importJWK(signing.privateJwk as JWK, signing.alg)) as CryptoKey,
        activatedAt: signing.activatedAt!,
      },
      published,
      verify: createLocalJWKSet(published),
    };
    return this.loaded;
  }
}
