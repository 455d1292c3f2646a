import { PATH_METADATA, METHOD_METADATA, MODULE_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';

/** One HTTP route a service's controller declares: `GET /trusts/:trustId/schools`. */
export interface DeclaredRoute {
  method: string;
  path: string;
  controller: string;
  /** The controller class and its handler, for their other metadata. */
  controllerClass: Handler;
  handler: Handler;
}

type Handler = (...args: never[]) => unknown;
type ModuleLike = { module?: unknown; imports?: unknown[]; controllers?: unknown[] } | (abstract new (...args: never[]) => unknown);

const join = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/');

/**
 * Every HTTP route of the controllers reachable from `root` (a Nest module class or dynamic module), read from
 * the decorators' metadata the way Nest's router reads it. Health routes are the services' own (not proxied).
 */
export function declaredRoutes(root: unknown): DeclaredRoute[] {
  const seen = new Set<unknown>();
  const controllers = new Set<Handler & { prototype: Record<string, unknown> }>();
  const visit = (m: unknown) => {
    if (!m || seen.has(m)) return;
    seen.add(m);
    const mod = m as ModuleLike & Record<string, unknown>;
    const cls = typeof m === 'function' ? m : (mod as { module?: unknown }).module;
    const lists = (key: string): unknown[] => {
      const declared = cls ? ((Reflect.getMetadata(key, cls) as unknown[] | undefined) ?? []) : [];
      const dynamic = typeof m === 'object' ? (((mod as Record<string, unknown>)[key] as unknown[] | undefined) ?? []) : [];
      return [...declared, ...dynamic];
    };
    for (const c of lists(MODULE_METADATA.CONTROLLERS)) controllers.add(c as Handler & { prototype: Record<string, unknown> });
    for (const i of lists(MODULE_METADATA.IMPORTS))
      visit(typeof i === 'object' && i && 'forwardRef' in i ? (i as { forwardRef: () => unknown }).forwardRef() : i);
  };
  visit(root);
  const routes: DeclaredRoute[] = [];
  for (const controller of controllers) {
    const prefixes = ([] as string[]).concat((Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined) ?? '');
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = controller.prototype[name];
      if (typeof handler !== 'function' || name === 'constructor') continue;
      const fn = handler as Handler;
      const method = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
      const paths = Reflect.getMetadata(PATH_METADATA, fn) as string | string[] | undefined;
      if (method === undefined || paths === undefined) continue;
      for (const prefix of prefixes) {
        for (const path of ([] as string[]).concat(paths)) {
          const full = join(prefix, path);
          if (/^\/health(\/|$)/.test(full)) continue;
          routes.push({ method: RequestMethod[method], path: full, controller: controller.name, controllerClass: controller, handler: fn });
        }
      }
    }
  }
  return routes;
}
