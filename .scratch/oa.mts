import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { PerfParams, StreakParams, AnalogsParams, FlowsParams } from '../src/facts/params.ts';
const app = new OpenAPIHono({ defaultHook: (r, c) => { if (!r.success) return c.json({ error: r.error.issues }, 400); } });
for (const [p, s] of [['/api/perf', PerfParams], ['/api/streak', StreakParams], ['/api/analogs', AnalogsParams], ['/api/flows', FlowsParams]] as const) {
  app.openapi(createRoute({ method: 'get', path: p, request: { query: s as any }, responses: { 200: { description: 'ok', content: { 'application/json': { schema: z.looseObject({}) } } } } }), (c) => c.json({ q: c.req.valid('query' as never) }) as any);
}
const doc = app.getOpenAPIDocument({ openapi: '3.0.0', info: { title: 't', version: '1' } });
console.log(JSON.stringify(doc, null, 1).slice(0, 4000));
const r = await app.request('/api/perf?symbols=IWM,SPY&period=1w');
console.log(r.status, await r.text());
const r2 = await app.request('/api/perf?symbols=IWM&period=xx&from=2020-02-31');
console.log(r2.status, await r2.text());
const r3 = await app.request('/api/analogs?a=IWM&b=SPY&minStreak=3&horizons=5&horizons=10');
console.log(r3.status, await r3.text());
