/**
 * GET /api/symbols: every symbol with stored prices or returns, with a name where one is known
 * (fund names below; company names from the stored holdings snapshots), for the symbol search.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { SECTOR_ETFS } from '../../facts/pure.ts';
import type { ServerContext } from '../context.ts';
import { send } from '../http.ts';

/** Names of the funds and series the dashboard shows (the price files carry no names). */
export const FUND_NAMES: Record<string, string> = {
  SPY: 'SPDR S&P 500 ETF',
  IWM: 'iShares Russell 2000 ETF',
  RSP: 'Invesco S&P 500 Equal Weight ETF',
  QQQ: 'Invesco QQQ (Nasdaq-100)',
  MAGS: 'Roundhill Magnificent Seven ETF',
  IJH: 'iShares Core S&P MidCap 400 ETF',
  IWC: 'iShares Micro-Cap ETF',
  MDY: 'SPDR S&P MidCap 400 ETF',
  DIA: 'SPDR Dow Jones Industrial Average ETF',
  'FF.SMB': 'Fama-French size factor (small minus big)',
  'FF.HML': 'Fama-French value factor (high minus low)',
  'FF.Mkt-RF': 'Fama-French market excess return',
  'FF.Mom': 'Fama-French momentum factor',
  'FF.RF': 'Risk-free rate (Fama-French)',
  ...Object.fromEntries(Object.entries(SECTOR_ETFS).map(([sector, etf]) => [etf, `${sector} Select Sector SPDR`])),
};

export interface SymbolEntry {
  symbol: string;
  name: string | null;
  kind: string;
  first: string;
  last: string;
}

export async function symbolList(ctx: ServerContext): Promise<SymbolEntry[]> {
  const series = await ctx.store.listSeries();
  const names = new Map<string, string>(Object.entries(FUND_NAMES));
  for (const snap of await ctx.store.listHoldingSnapshots()) {
    const h = await ctx.store.getHoldings(snap.fund, snap.asOf).catch(() => null);
    for (const r of h?.rows ?? []) if (r.name && !names.has(r.symbol)) names.set(r.symbol, r.name);
  }
  const seen = new Map<string, SymbolEntry>();
  for (const s of series) {
    if (s.table !== 'bars' && s.table !== 'observations') continue;
    if (s.table === 'bars' && !s.preferred) continue;
    if (seen.has(s.symbol)) continue;
    seen.set(s.symbol, { symbol: s.symbol, name: names.get(s.symbol) ?? null, kind: String(s.kind), first: s.first, last: s.last });
  }
  return [...seen.values()].sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
}

export function registerSymbols(app: OpenAPIHono, ctx: ServerContext): void {
  app.get('/api/symbols', async (c) => send(c, await ctx.results.get('/api/symbols', async () => ({ symbols: await symbolList(ctx) }))));
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/symbols',
    tags: ['data'],
    summary: 'Symbols with stored series and their names, for search',
    operationId: 'symbols',
    responses: { 200: { description: 'the symbols', content: { 'application/json': { schema: { type: 'object' } } } } },
  });
}
