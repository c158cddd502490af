import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, sendError } from './http.js';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Values of the `:name` segments of the route pattern. */
  params: Record<string, string>;
  /** The route pattern, e.g. `GET /v1/conversations/:id`: the name faults are keyed by. */
  route: string;
}

export type RouteHandler = (context: RouteContext) => Promise<void> | void;

interface Route {
  pattern: string;
  method: string;
  segments: string[];
  handler: RouteHandler;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** A tiny router: patterns such as `GET /v1/conversations/:id`, matched segment by segment. */
export class Router {
  private readonly routes: Route[] = [];

  add(pattern: string, handler: RouteHandler): this {
    const [method, path] = pattern.split(' ');
    this.routes.push({ pattern, method, segments: splitPath(path), handler });
    return this;
  }

  /** Every route pattern, e.g. for validating the route name of a fault. */
  patterns(): string[] {
    return this.routes.map((route) => route.pattern);
  }

  /** Matches a request; `methodMismatch` tells a 405 from a 404 when nothing matched. */
  match(method: string, pathname: string): RouteMatch | { methodMismatch: boolean } {
    const segments = splitPath(pathname);
    let methodMismatch = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method === method) return { route, params };
      methodMismatch = true;
    }
    return { methodMismatch };
  }

  /** Runs a matched route, turning thrown HttpErrors (and anything else) into JSON errors. */
  async run(match: RouteMatch, req: IncomingMessage, res: ServerResponse, url: URL) {
    const context = { req, res, url, params: match.params, route: match.route.pattern };
    try {
      await match.route.handler(context);
    } catch (error) {
      if (error instanceof HttpError) sendError(res, error.status, error.detail);
      else {
        console.error(`emulator: ${match.route.pattern} failed`, error);
        sendError(res, 500, 'Internal emulator error');
      }
    }
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i].startsWith(':')) {
      try {
        params[pattern[i].slice(1)] = decodeURIComponent(actual[i]);
      } catch {
        return undefined;
      }
    } else if (pattern[i] !== actual[i]) return undefined;
  }
  return params;
}
