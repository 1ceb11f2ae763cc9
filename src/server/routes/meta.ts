/** GET /api/openapi.json (generated from the parameter schemas) and GET /api/health. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ServerContext } from '../context.ts';

export function registerMeta(app: OpenAPIHono, ctx: ServerContext): void {
  let doc: string | null = null;
  app.get('/api/openapi.json', (_c) => {
    doc ??= JSON.stringify(
      app.getOpenAPIDocument({
        openapi: '3.0.3',
        info: {
          title: 'MarketDash API',
          version: '1',
          description:
            'Market facts from the stored data. Every analytics endpoint takes the options of the CLI command of the same name and returns the same JSON as its --json output. Bad parameters: 400 with the parameter named; unknown symbols: 404.',
        },
      }),
    );
    return new Response(doc, { headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300' } });
  });
  app.get('/api/health', (c) =>
    c.json({ ok: true, readOnly: true, dataVersion: ctx.dataVersion, startedAt: ctx.startedAt, cache: ctx.results.stats(), readCache: ctx.readCacheStamp !== null, workers: ctx.pool?.stats() ?? null }, 200, { 'cache-control': 'no-store' }),
  );
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/health',
    tags: ['meta'],
    summary: 'Liveness, data version and cache statistics',
    operationId: 'health',
    responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } },
  });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/openapi.json',
    tags: ['meta'],
    summary: 'This OpenAPI 3 document',
    operationId: 'openapi',
    responses: { 200: { description: 'the OpenAPI document', content: { 'application/json': { schema: { type: 'object' } } } } },
  });
}
