/** What a page renderer receives and returns (kept apart from the routes so pages never import index.ts). */
import type { ServerContext } from '../context.ts';

export interface PageRequest {
  params: Record<string, string>;
  query: Record<string, string>;
  url: URL;
}

export type PageRenderer = (ctx: ServerContext, req: PageRequest) => Promise<string>;
