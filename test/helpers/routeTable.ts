/**
 * The routes the app really registers, read from Fastify's own route tree (`printRoutes`), so a
 * suite that walks them covers an endpoint added tomorrow without being edited — or fails until
 * it is taught what to do with it.
 */
import type { FastifyInstance } from 'fastify';

export interface RegisteredRoute {
  method: string;
  /** Fastify's pattern: `/api/v1/invitations/:id/withdraw`, `/api/docs/*`. */
  url: string;
}

const LINE = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/u;

/**
 * Every (method, url) the app answers, HEAD included (Fastify adds it to each GET). Parses the
 * tree `printRoutes({ commonPrefix: false })` draws: each level indents four columns and a node's
 * label continues its parent's path.
 */
export function registeredRoutes(app: FastifyInstance): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    if (line.trim() === '') continue;
    const match = LINE.exec(line);
    if (!match) throw new Error(`cannot read the route tree line ${JSON.stringify(line)}`);
    const depth = (match[1] ?? '').length / 4;
    if (!Number.isInteger(depth))
      throw new Error(`odd indentation in route tree line ${JSON.stringify(line)}`);
    stack.length = depth;
    const url = (stack[depth - 1] ?? '') + (match[2] ?? '');
    stack.push(url);
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim())) {
      if (method) routes.push({ method, url });
    }
  }
  const seen = new Set<string>();
  return routes
    .filter((r) => {
      const key = routeKey(r);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => routeKey(a).localeCompare(routeKey(b)));
}

export function routeKey(route: RegisteredRoute): string {
  return `${route.method} ${route.url}`;
}

/** The path parameter names of a pattern, in order: `/a/:id/b/:x` → ['id', 'x']. */
export function pathParams(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] as string);
}

/** Fills a pattern's parameters (already URL-encoded by the caller) and its wildcard. */
export function fillPath(url: string, values: Record<string, string>, wildcard = 'x'): string {
  return url
    .replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => values[name] ?? 'missing')
    .replace('*', wildcard);
}

/** The OpenAPI document's operations as routes, with `{id}` written Fastify's way (`:id`). */
export function documentedRoutes(openapi: {
  paths: Record<string, Record<string, unknown>>;
}): RegisteredRoute[] {
  const methods = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
  return Object.entries(openapi.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((m) => methods.has(m))
      .map((m) => ({ method: m.toUpperCase(), url: path.replace(/\{([^}]+)\}/g, ':$1') })),
  );
}
