/**
 * Endpoints that change server state need the token from MARKETDASH_TOKEN (Authorization: Bearer).
 * Without a configured token they are disabled (403). The store itself is never written.
 */
import { timingSafeEqual } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import { sendError } from '../http.ts';
import { jsonResponse, ErrorSchema } from '../schemas.ts';

export function requireToken(token: string | null | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (!token) return sendError(new HttpError(403, 'forbidden', 'write endpoints are disabled: start the server with MARKETDASH_TOKEN set'));
    const m = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '');
    const given = Buffer.from(m?.[1]?.trim() ?? '');
    const want = Buffer.from(token);
    if (!m || given.length !== want.length || !timingSafeEqual(given, want)) {
      const r = sendError(new HttpError(401, 'unauthorized', 'a valid token is needed: Authorization: Bearer <MARKETDASH_TOKEN>'));
      r.headers.set('www-authenticate', 'Bearer');
      return r;
    }
    await next();
  };
}

export function registerAdmin(app: OpenAPIHono, ctx: ServerContext): void {
  app.post('/api/admin/cache/clear', requireToken(ctx.opts.token), (c) => {
    const before = ctx.results.stats();
    ctx.clear();
    return c.json({ cleared: before.entries });
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'token', { type: 'http', scheme: 'bearer', description: 'MARKETDASH_TOKEN' });
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/admin/cache/clear',
    tags: ['admin'],
    summary: 'Drop the in-memory result cache (needs the token)',
    operationId: 'adminCacheClear',
    security: [{ token: [] }],
    responses: {
      200: { description: 'cleared', content: { 'application/json': { schema: { type: 'object', properties: { cleared: { type: 'integer' } } } } } },
      401: jsonResponse(ErrorSchema, 'missing or wrong token'),
      403: jsonResponse(ErrorSchema, 'write endpoints are disabled (no MARKETDASH_TOKEN)'),
    },
  });
}
