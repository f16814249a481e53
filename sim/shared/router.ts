/** Matches `METHOD /literal/:param/...` patterns; params arrive URI-decoded. */
export interface RouteMatch<H> {
  handler: H;
  params: Record<string, string>;
}

export type RouteLookup<H> = { kind: 'found'; match: RouteMatch<H> } | { kind: 'method-not-allowed' } | { kind: 'not-found' };

interface Route<H> {
  method: string;
  segments: string[];
  handler: H;
}

export class Router<H> {
  private readonly routes: Route<H>[] = [];

  add(method: string, pattern: string, handler: H): this {
    this.routes.push({ method: method.toUpperCase(), segments: splitPath(pattern), handler });
    return this;
  }

  lookup(method: string, path: string): RouteLookup<H> {
    const segments = splitPath(path);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (params === null) continue;
      if (route.method !== method.toUpperCase()) {
        pathMatched = true;
        continue;
      }
      return { kind: 'found', match: { handler: route.handler, params } };
    }
    return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | null {
  if (pattern.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const expected = pattern[i] as string;
    const segment = actual[i] as string;
    if (expected.startsWith(':')) {
      const decoded = safeDecode(segment);
      if (decoded === null) return null;
      params[expected.slice(1)] = decoded;
    } else if (expected !== segment) {
      return null;
    }
  }
  return params;
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
