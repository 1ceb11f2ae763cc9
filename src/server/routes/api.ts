/**
 * GET /api/*: every endpoint of endpoints.ts, registered for HTTP and in the OpenAPI registry from
 * the same parameter schema that validates it.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { ServerContext } from '../context.ts';
import { ENDPOINTS, type Endpoint } from '../endpoints.ts';
import { HttpError } from '../errors.ts';
import { queryOf, send, sendError } from '../http.ts';
import { jsonResponse, ErrorSchema, ResultSchema } from '../schemas.ts';


export function registerApi(app: OpenAPIHono, ctx: ServerContext): void {
  for (const ep of ENDPOINTS) {
    const honoPath = ep.path.replace(/\{(\w+)\}/g, ':$1');
    app.get(honoPath, async (c) => {
      const q: Record<string, string | string[]> = queryOf(c);
      for (const p of ep.pathParams ?? []) {
        if (p in q) return sendError(new HttpError(400, 'bad_input', `'${p}' belongs in the path, not the query`, p));
        q[p] = c.req.param(p) ?? '';
      }
      return send(c, await ctx.run(ep, q));
    });
    app.openAPIRegistry.registerPath(openApiRoute(ep));
  }
}

function openApiRoute(ep: Endpoint) {
  const pathParams = ep.pathParams ?? [];
  // Path parameters are documented as such; the rest of the same schema's fields as the query.
  const shape = ep.schema.shape as Record<string, z.ZodType>;
  const part = (inPath: boolean) => z.object(Object.fromEntries(Object.entries(shape).filter(([k]) => pathParams.includes(k) === inPath)));
  const query = pathParams.length ? part(false) : ep.schema;
  const params = pathParams.length ? part(true) : undefined;
  const ok =
    ep.path === '/api/report'
      ? {
          description: 'the report: JSON (format=json), HTML (format=html) or Markdown (format=markdown)',
          content: {
            'application/json': { schema: ResultSchema },
            'text/html': { schema: { type: 'string' as const } },
            'text/markdown': { schema: { type: 'string' as const } },
          },
        }
      : jsonResponse(ResultSchema, ep.cli ? `the same JSON document as \`marketdash ${ep.cli} --json\`` : 'the result');
  return {
    method: 'get' as const,
    path: ep.path,
    tags: [ep.tag],
    summary: ep.summary,
    operationId: operationId(ep.path),
    request: { query, ...(params ? { params } : {}) },
    responses: {
      200: ok,
      304: { description: 'not modified (matching If-None-Match)' },
      400: jsonResponse(ErrorSchema, 'bad parameters: the error names the parameter'),
      404: jsonResponse(ErrorSchema, 'unknown symbol or series, or no data'),
    },
  };
}

function operationId(path: string): string {
  return path
    .replace(/^\/api\//, '')
    .replace(/\{(\w+)\}/g, 'By_$1')
    .split(/[/_-]/)
    .filter(Boolean)
    .map((s, i) => (i === 0 ? s : s[0].toUpperCase() + s.slice(1)))
    .join('');
}
