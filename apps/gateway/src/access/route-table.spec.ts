import { describe, expect, it } from '@jest/globals';
import { SCHOOL_ROLES } from '@trustwide/common';
import { AppModule as CpdModule } from '../../../cpd/src/app.module';
import { AppModule as ImprovementModule } from '../../../improvement/src/app.module';
import { AppModule as PeopleModule } from '../../../people/src/app.module';
import { AppModule as SchoolsModule } from '../../../schools/src/app.module';
import { owningService } from '../proxy/service-routes';
import { ROUTE_TABLE } from './route-table';
import { declaredRoutes } from './service-controllers';

const SERVICES = { schools: SchoolsModule, people: PeopleModule, improvement: ImprovementModule, cpd: CpdModule } as const;
/** Parameter names differ between the table and a controller (`:id` vs `:designationId`) without mattering. */
const shape = (path: string) => path.replace(/:[^/]+/g, ':');
const key = (method: string, path: string) => `${method} ${shape(path)}`;

describe('the route table', () => {
  for (const [service, module] of Object.entries(SERVICES)) {
    it(`names every route of the ${service} service's controllers, and only those`, () => {
      const declared = declaredRoutes(module);
      expect(declared.length).toBeGreaterThan(3);
      const inTable = new Set(ROUTE_TABLE.filter((r) => r.service === service).map((r) => key(r.method, r.path)));
      const inCode = new Set(declared.map((r) => key(r.method, r.path)));
      const missing = declared.filter((r) => !inTable.has(key(r.method, r.path))).map((r) => `${r.method} ${r.path} (${r.controller})`);
      expect(missing).toEqual([]); // a new route needs a line in apps/gateway/src/access/route-table.ts
      expect([...inTable].filter((k) => !inCode.has(k))).toEqual([]);
    });
  }

  it('routes each line to the service that owns its path, once', () => {
    for (const rule of ROUTE_TABLE) expect([rule.path, owningService(rule.path)]).toEqual([rule.path, rule.service]);
    const keys = ROUTE_TABLE.map((r) => key(r.method, r.path));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('says who checks the school of a headteacher or head of school, and names a :schoolId when the gateway does', () => {
    for (const rule of ROUTE_TABLE) {
      const forHeads = rule.roles.some((r) => SCHOOL_ROLES.includes(r));
      expect([rule.method, rule.path, forHeads ? rule.schools !== undefined : true]).toEqual([rule.method, rule.path, true]);
      if (rule.schools === 'path') expect(rule.path).toContain(':schoolId');
    }
  });

  it('keeps platform administrators to the trust register: every other line is a trust’s own', () => {
    for (const rule of ROUTE_TABLE) {
      if (!rule.path.includes(':trustId')) expect([rule.path, rule.roles]).toEqual([rule.path, ['platform-admin']]);
      expect(rule.roles.length).toBeGreaterThan(0);
    }
  });
});
