import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES, type Role } from '@trustwide/common';
import { AUTH_CONTROLLERS } from '../auth/auth.module';
import { ReadModelAdminController } from '../read-model/rebuild/read-model-admin.controller';
import { renderAccessDocs, type GatewayRoute } from './access-docs';
import { declaredRoutes } from './service-controllers';

const DOC = join(process.cwd(), 'docs', 'access.md');

/** The gateway's own routes with what their `@Public()` / `@Allow()` declare (metadata keys of auth.guard.ts). */
function gatewayRoutes(): GatewayRoute[] {
  const routes: GatewayRoute[] = [];
  for (const controller of [...AUTH_CONTROLLERS, ReadModelAdminController]) {
    for (const r of declaredRoutes({ module: class {}, controllers: [controller] })) {
      const handler = r.handler;
      const isPublic = Reflect.getMetadata('trustwide:public', handler) ?? Reflect.getMetadata('trustwide:public', controller);
      const allowed = (Reflect.getMetadata('trustwide:allowed-roles', handler) ??
        Reflect.getMetadata('trustwide:allowed-roles', controller)) as Role[] | undefined;
      routes.push({ method: r.method, path: r.path.replace(/^\/api/, ''), roles: isPublic ? 'anyone' : (allowed ?? []) });
    }
  }
  return routes;
}

describe('docs/access.md', () => {
  it('is generated from the route table and the gateway’s own declarations', () => {
    const routes = gatewayRoutes();
    // Every gateway route declares who may call it.
    expect(routes.filter((r) => r.roles !== 'anyone' && r.roles.length === 0)).toEqual([]);
    expect(routes).toContainEqual({ method: 'POST', path: '/trusts/:trustId/users', roles: ['trust-admin', 'platform-admin'] });
    expect(routes).toContainEqual({ method: 'GET', path: '/auth/me', roles: [...ROLES] });
    const rendered = renderAccessDocs(routes);
    if (process.env.UPDATE_ACCESS_DOCS === '1') writeFileSync(DOC, rendered);
    expect(rendered).toContain('| `POST /trusts/:trustId/designations/:designationId/approve` approve a designation |');
    // Out of date? Run `UPDATE_ACCESS_DOCS=1 npm run jest -- apps/gateway/src/access/access-docs.spec.ts`.
    expect(readFileSync(DOC, 'utf8')).toBe(rendered);
  });
});
