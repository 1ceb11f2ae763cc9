/**
 * GET /api/jobs: the job queues' states (counts per state, recent jobs, schedulers), when the server
 * is configured with a Redis (MARKETDASH_REDIS). Without one: {enabled: false}. Redis down: 503.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Queue } from 'bullmq';
import { jobsConfig, openQueue, QUEUE_NAMES, queueState } from '../../jobs/queues.ts';
import { HttpError } from '../errors.ts';
import { sendError } from '../http.ts';

const TIMEOUT_MS = 3000;

export function registerJobs(app: OpenAPIHono): void {
  let queues: Queue[] | null = null;
  app.get('/api/jobs', async (c) => {
    if (!process.env.MARKETDASH_REDIS) {
      return c.json({ enabled: false, message: 'no job queue configured (set MARKETDASH_REDIS, e.g. redis://127.0.0.1:6379)' }, 200, { 'cache-control': 'no-store' });
    }
    queues ??= QUEUE_NAMES.map((n) => openQueue(n, jobsConfig()));
    let timer: NodeJS.Timeout | undefined;
    try {
      const states = await Promise.race([
        Promise.all(queues.map((q) => queueState(q, 50))),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new HttpError(503, 'unavailable', `the job queue (Redis) did not answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
        }),
      ]);
      return c.json({ enabled: true, prefix: jobsConfig().prefix, queues: states }, 200, { 'cache-control': 'no-store' });
    } catch (e) {
      return sendError(e instanceof HttpError ? e : new HttpError(503, 'unavailable', `the job queue is unavailable: ${(e as Error).message}`));
    } finally {
      clearTimeout(timer);
    }
  });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/jobs',
    tags: ['meta'],
    summary: 'Job queue states: counts per state, recent jobs, schedulers',
    operationId: 'jobs',
    responses: {
      200: { description: 'queue states (or enabled: false without MARKETDASH_REDIS)', content: { 'application/json': { schema: { type: 'object' } } } },
      503: { description: 'Redis unavailable', content: { 'application/json': { schema: { type: 'object' } } } },
    },
  });
}
