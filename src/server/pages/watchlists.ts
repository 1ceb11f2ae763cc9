/**
 * Watchlists (/watchlists): lists of symbols kept in this browser (localStorage), each shown as a
 * scoreboard (last session, 1 week, YTD from /api/perf) and openable as a PerfChart.
 */
import { z } from 'zod';
import type { ServerContext } from '../context.ts';
import { isoDate, pageParams, sessionsFor } from './common.ts';
import type { PageRequest } from './types.ts';
import { h, layout } from './layout.ts';

const Params = z.object({ asOf: isoDate.optional() });

export async function watchlistsPage(ctx: ServerContext, req: PageRequest): Promise<string> {
  const p = pageParams(Params, req.query);
  const s = await sessionsFor(ctx, ['SPY'], p.asOf);
  const body = h`<div class="head"><h1>Watchlists <small>kept in this browser</small></h1></div>
<section class="card"><h2>Add to a list</h2>
<form id="wl-form" class="toolbar">
<label>List <select id="wl-list"></select></label>
<span class="search pick"><label class="sr-only" for="wl-add">Add a symbol</label><input id="wl-add" placeholder="Add symbol…" autocomplete="off" role="combobox" aria-expanded="false" aria-controls="wl-add-list" aria-autocomplete="list" size="14"><ul id="wl-add-list" role="listbox" aria-label="matching symbols" hidden></ul></span>
<label>New list <input id="wl-new" size="12" placeholder="name"></label><button type="button" id="wl-create">Create</button>
</form>
<p class="hint">Lists live in this browser's storage; the alerts' accounts will keep them per user.</p></section>
<div id="wl-boards" data-state="loading" data-as-of="${s.asOf}"><div class="loading">Loading…</div></div>`;
  return layout({ title: 'Watchlists', nav: 'overview', body, scripts: ['watchlists.js'], data: { asOf: s.asOf } });
}
