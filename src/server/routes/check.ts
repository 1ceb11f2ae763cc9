/**
 * POST /api/check: article text in, verdicts out (src/check). Body as text/plain (query asOf,
 * format) or JSON {text, asOf?, format?}; bodies over the limit get 413 before they are read whole.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { toJson } from '../../format/json.ts';
import { parseParams } from '../../facts/params.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import { queryOf, sendError } from '../http.ts';
import { checkFacts } from '../integrations.ts';
import { CheckBody, CheckQuery, ErrorSchema, jsonResponse, ResultSchema } from '../schemas.ts';

export const DEFAULT_CHECK_LIMIT = 512 * 1024;

export function registerCheck(app: OpenAPIHono, ctx: ServerContext): void {
  const maxSize = ctx.opts.checkBodyLimit ?? DEFAULT_CHECK_LIMIT;
  app.post(
    '/api/check',
    bodyLimit({
      maxSize,
      onError: () => sendError(new HttpError(413, 'too_large', `the request body is over the ${maxSize}-byte limit: check the article in parts`)),
    }),
    async (c) => {
      try {
        const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
        const q = parseParams(CheckQuery, queryOf(c));
        let req: { text: string; asOf?: string; format?: 'text' | 'markdown' | 'html' };
        if (type === 'application/json') {
          const raw = await c.req.json();
          req = parseParams(CheckBody, { ...(typeof raw === 'object' && raw !== null ? raw : {}), ...q });
        } else if (type === 'text/plain' || type === 'text/markdown' || type === 'text/html' || type === '') {
          const text = await c.req.text();
          const format = q.format ?? (type === 'text/markdown' ? 'markdown' : type === 'text/html' ? 'html' : undefined);
          req = parseParams(CheckBody, { text, asOf: q.asOf, format });
        } else {
          throw new HttpError(415, 'bad_input', `send the article as text/plain (or JSON {"text": ...}), not ${type}`);
        }
        const result = await checkFacts(ctx.store, req);
        return new Response(toJson(result, 0), { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
      } catch (e) {
        return sendError(e);
      }
    },
  );
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/check',
    tags: ['check'],
    summary: 'Check the claims of an article against the stored data',
    operationId: 'check',
    request: {
      query: CheckQuery,
      body: {
        required: true,
        description: `the article (at most ${maxSize} bytes)`,
        content: { 'application/json': { schema: CheckBody }, 'text/plain': { schema: { type: 'string' as const } } },
      },
    },
    responses: {
      200: jsonResponse(ResultSchema, 'each claim with its verdict, the highlight spans and a summary'),
      400: jsonResponse(ErrorSchema, 'bad parameters or unreadable text'),
      413: jsonResponse(ErrorSchema, 'the body is over the size limit'),
      415: jsonResponse(ErrorSchema, 'unsupported content type'),
    },
  });
}
