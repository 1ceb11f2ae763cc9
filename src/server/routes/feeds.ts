/**
 * The newsroom's feeds, linked from every page's head for autodiscovery: Atom (RFC 4287) at
 * /feed.atom and JSON Feed 1.1 at /feed.json, the same stories as the front page.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ServerContext } from '../context.ts';
import { esc } from '../pages/html.ts';
import { allStories, type Story } from '../pages/stories.ts';

const TITLE = 'MarketDash newsroom';

function origin(c: Context): string {
  return new URL(c.req.url).origin;
}

export function atomFeed(base: string, stories: Story[]): string {
  const updated = stories.map((s) => s.published).sort().at(-1) ?? '1970-01-01T00:00:00Z';
  const entries = stories.map(
    (s) => `<entry>
<id>${esc(`${base}${s.url}${s.url.includes('?') ? '&' : '?'}asOf=${s.asOf}`)}</id>
<title>${esc(s.headline)}</title>
<link rel="alternate" type="text/html" href="${esc(`${base}${s.url}`)}"/>
<published>${s.published}</published>
<updated>${s.published}</updated>
<summary>${esc(s.dek)}</summary>
${s.tickers.map((t) => `<category term="${esc(t)}"/>`).join('')}
</entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>${esc(`${base}/reports`)}</id>
<title>${TITLE}</title>
<subtitle>Stories written from the stored market data, every figure with its provenance.</subtitle>
<link rel="self" type="application/atom+xml" href="${esc(`${base}/feed.atom`)}"/>
<link rel="alternate" type="text/html" href="${esc(`${base}/reports`)}"/>
<updated>${updated}</updated>
<author><name>MarketDash</name></author>
<generator>MarketDash</generator>
${entries.join('\n')}
</feed>
`;
}

export function jsonFeed(base: string, stories: Story[]) {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: TITLE,
    home_page_url: `${base}/reports`,
    feed_url: `${base}/feed.json`,
    authors: [{ name: 'MarketDash' }],
    language: 'en',
    items: stories.map((s) => ({
      id: `${base}${s.url}${s.url.includes('?') ? '&' : '?'}asOf=${s.asOf}`,
      url: `${base}${s.url}`,
      title: s.headline,
      summary: s.dek,
      content_text: s.dek,
      date_published: s.published,
      tags: s.tickers,
    })),
  };
}

export function registerFeeds(app: OpenAPIHono, ctx: ServerContext): void {
  app.get('/feed.atom', async (c) =>
    c.body(atomFeed(origin(c), await allStories(ctx)), 200, { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=300' }),
  );
  app.get('/feed.json', async (c) =>
    c.body(JSON.stringify(jsonFeed(origin(c), await allStories(ctx))), 200, { 'content-type': 'application/feed+json; charset=utf-8', 'cache-control': 'public, max-age=300' }),
  );
}
