/** A route's path as literal segments and `:name` parameters. */
export interface Route<H> {
  method: string
  segments: string[]
  handler: H
}

export type RouteMatch<H> =
  | { kind: 'found'; handler: H; params: Record<string, string> }
  | { kind: 'wrong_method'; allowed: string[] }
  | { kind: 'none' }

/** A tiny method + path router; literal segments win over parameters. */
export class Router<H> {
  private readonly routes: Route<H>[] = []

  add(method: string, path: string, handler: H): this {
    this.routes.push({ method, segments: path.split('/').filter(Boolean), handler })
    return this
  }

  match(method: string, pathname: string): RouteMatch<H> {
    let segments: string[]
    try {
      segments = pathname.split('/').filter(Boolean).map(decodeURIComponent)
    } catch {
      return { kind: 'none' }
    }
    const candidates = this.routes
      .map((route) => ({ route, params: matchSegments(route.segments, segments) }))
      .filter((candidate) => candidate.params !== null)
      .sort((a, b) => literalCount(b.route) - literalCount(a.route))
    const exact = candidates.find((candidate) => candidate.route.method === method)
    if (exact?.params) return { kind: 'found', handler: exact.route.handler, params: exact.params }
    if (candidates.length > 0) {
      return { kind: 'wrong_method', allowed: [...new Set(candidates.map((c) => c.route.method))] }
    }
    return { kind: 'none' }
  }
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | null {
  if (pattern.length !== actual.length) return null
  const params: Record<string, string> = {}
  for (const [index, part] of pattern.entries()) {
    const value = actual[index] as string
    if (part.startsWith(':')) params[part.slice(1)] = value
    else if (part !== value) return null
  }
  return params
}

function literalCount(route: Route<unknown>): number {
  return route.segments.filter((segment) => !segment.startsWith(':')).length
}
