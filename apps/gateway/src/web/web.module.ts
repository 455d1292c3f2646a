import { Injectable, MiddlewareConsumer, Module, NestMiddleware, NestModule, OnModuleInit } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { existsSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { JsonLogger } from '@trustwide/common';
import { chooseEncoding, PRECOMPRESSED } from './content-encoding';
import type { Precompressed } from './content-encoding';
import { DASHBOARD_CSP, isDashboardPath } from './web-paths';

/** Where `npm run build` puts the dashboard (web/ built by Vite); WEB_DIST_DIR overrides it. */
export const webDist = () => process.env.WEB_DIST_DIR ?? join(process.cwd(), 'dist', 'web');

/**
 * Serves the dashboard at `/` from the same origin as the API: hashed assets cached for a year, index.html never
 * cached (so a new build is picked up at once) and answered for every client route, under a CSP of 'self' only.
 * A text file the build also wrote as `.br` / `.gz` is sent in the coding the client's Accept-Encoding prefers.
 * `/api`, `/health` and `/.well-known` are never touched. Without a build the gateway still starts and says how to make one.
 */
@Injectable()
export class DashboardMiddleware implements NestMiddleware {
  private readonly dir = resolve(webDist());
  private readonly available = existsSync(join(this.dir, 'index.html'));
  private readonly copies = new Map<string, Precompressed[]>();

  use(req: Request, res: Response, next: NextFunction): void {
    // originalUrl: a middleware's req.path is relative to where Nest mounted it.
    const path = req.originalUrl.split('?')[0];
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !isDashboardPath(path)) return next();
    res.setHeader('content-security-policy', DASHBOARD_CSP);
    if (!this.available) {
      res.status(503).type('text/plain').setHeader('cache-control', 'no-store');
      res.send('The dashboard has not been built: run `npm run build` (or `npm start`), which builds web/ into dist/web.\n');
      return;
    }
    const file = this.fileFor(path);
    if (file) {
      // Vite names assets by their content hash, so they never change under the same name.
      res.setHeader('cache-control', file.startsWith(join(this.dir, 'assets', sep)) ? 'public, max-age=31536000, immutable' : 'no-cache');
      this.send(req, res, file);
      return;
    }
    // A missing hashed asset is a 404, not the page: a stale index.html must not get HTML for a script.
    if (path.startsWith('/assets/')) {
      res.status(404).type('text/plain').send('Not found\n');
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    this.send(req, res, join(this.dir, 'index.html'));
  }

  /** Sends a built file, or its precompressed copy when there is one and the client accepts that coding. */
  private send(req: Request, res: Response, file: string): void {
    const available = this.copiesOf(file);
    // Only files with copies vary: a shared cache must not hand one client's coding to another.
    if (available.length) res.vary('accept-encoding');
    const encoding = chooseEncoding(req.headers['accept-encoding'], available);
    if (!encoding) {
      res.sendFile(file, { dotfiles: 'deny' });
      return;
    }
    // The original's type (sendFile keeps a content-type already set, rather than one for `.br`).
    res.type(extname(file)).setHeader('content-encoding', encoding);
    res.sendFile(file + PRECOMPRESSED.find((p) => p.encoding === encoding)!.suffix, { dotfiles: 'deny' });
  }

  /**
   * The codings a built file has copies in, looked up once per file: the build does not change while the gateway
   * runs (as `available` above assumes), so requests need not stat the copies each time. Only files of the build
   * reach here, so the map is as large as the build at most.
   */
  private copiesOf(file: string): Precompressed[] {
    let copies = this.copies.get(file);
    if (!copies) {
      copies = PRECOMPRESSED.filter(({ suffix }) => isFile(file + suffix)).map(({ encoding }) => encoding);
      this.copies.set(file, copies);
    }
    return copies;
  }

  /** The built file a path names, only inside the build folder; null for anything else (a client route). */
  private fileFor(path: string): string | null {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return null;
    }
    if (decoded.includes('\0')) return null;
    const file = resolve(this.dir, `.${decoded}`);
    if (!file.startsWith(this.dir + sep)) return null;
    // A compressed copy is a way to send its original, not a file of its own (asked for by name, it would go out
    // as an octet stream of compressed bytes).
    if (PRECOMPRESSED.some(({ suffix }) => file.endsWith(suffix) && isFile(file.slice(0, -suffix.length)))) return null;
    return isFile(file) ? file : null;
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

@Injectable()
class DashboardNotice implements OnModuleInit {
  constructor(private readonly logger: JsonLogger) {}

  onModuleInit(): void {
    const dir = webDist();
    if (!existsSync(join(dir, 'index.html')))
      this.logger.warn({ msg: `no dashboard build in ${dir}: run \`npm run build\` to serve the dashboard at /` }, 'Dashboard');
  }
}

@Module({ providers: [DashboardNotice] })
export class WebModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // '{*path}', not '*path': the optional group also matches `/`, the address npm start prints.
    consumer.apply(DashboardMiddleware).forRoutes('{*path}');
  }
}
