/**
 * The contract every capability of src/capabilities/registry.ts keeps, generated from the registry
 * (a new capability is covered by adding its registry line):
 * - the CLI command's --json document (run in-process) equals the API's JSON for the same query;
 * - every number in the document sits under an object that carries `provenance`;
 * - an as-of date past the data is bad input naming the date (HTTP 400 bad_input, CLI exit 2);
 * - an unknown symbol is a not-found error naming it (HTTP 404 not_found, CLI exit 3)
 * (README's exit codes; the OpenAPI document's 400 and 404).
 */
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CAPABILITIES } from '../../src/capabilities/registry.ts';
import type { Capability } from '../../src/capabilities/types.ts';
import { registerAnalytics } from '../../src/cli/commands/analytics.ts';
import { exitCodeFor } from '../../src/cli/output.ts';
import { setQuietErrors } from '../../src/server/errors.ts';
import type { RunningServer } from '../../src/server/start.ts';
import { buildStore, FLOWS_CSV, getJson, startTest, type TestStore } from '../server/helpers.ts';

let ts: TestStore;
let srv: RunningServer;

beforeAll(async () => {
  setQuietErrors(true);
  ts = await buildStore(undefined, [{ rel: 'flows/etf_flows.csv', content: `${FLOWS_CSV}\n` }]);
  srv = await startTest(ts.store);
});
afterAll(async () => {
  await srv?.close();
  await ts?.cleanup();
});

const kebab = (f: string) => f.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);

/** The CLI argv for an API query: positional fields in order, the rest as --options. */
function argv(cap: Capability<never>, query: Record<string, string>): string[] {
  const out: string[] = [cap.name];
  const args = new Set((cap.args ?? []).map((a) => a.field));
  for (const a of cap.args ?? []) {
    const v = query[a.field];
    if (v !== undefined) out.push(...(a.variadic ? v.split(',') : [v]));
  }
  for (const [k, v] of Object.entries(query)) {
    if (args.has(k)) continue;
    if (v === 'true') out.push(`--${kebab(k)}`);
    else out.push(`--${kebab(k)}`, v);
  }
  return out;
}

/** Run the command in-process against the test store: the --json document, or the error and its exit code. */
async function cli(cap: Capability<never>, query: Record<string, string>): Promise<{ json?: unknown; exit: number; error?: Error }> {
  const program = new Command().option('--json').exitOverride();
  registerAnalytics(program, (_g, fn) => fn(ts.store));
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c) => {
    chunks.push(String(c));
    return true;
  });
  try {
    await program.parseAsync(['--json', ...argv(cap, query)], { from: 'user' });
    return { json: JSON.parse(chunks.join('')), exit: 0 };
  } catch (e) {
    return { exit: exitCodeFor(e), error: e as Error };
  } finally {
    spy.mockRestore();
  }
}

const qs = (q: Record<string, string>) => new URLSearchParams(q).toString();

/** Paths of numbers with no `provenance` on the way down from the root. */
function numbersWithoutProvenance(x: unknown, path = '$', covered = false): string[] {
  if (typeof x === 'number') return covered ? [] : [path];
  if (Array.isArray(x)) return x.flatMap((v, i) => numbersWithoutProvenance(v, `${path}[${i}]`, covered));
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    const here = covered || (typeof o.provenance === 'object' && o.provenance !== null);
    return Object.entries(o).flatMap(([k, v]) => numbersWithoutProvenance(v, `${path}.${k}`, here));
  }
  return [];
}

describe.each(CAPABILITIES.map((c) => [c.name, c] as const))('capability %s', (_name, cap) => {
  const q = cap.examples.contract;

  it('CLI --json equals the API JSON, with provenance on every number', async () => {
    const api = await getJson(srv.url, `/api/${cap.name}?${qs(q)}`);
    expect(api.status, JSON.stringify(api.body)).toBe(200);
    const c = await cli(cap, q);
    expect(c.error).toBeUndefined();
    expect(c.json).toEqual(api.body);
    expect(numbersWithoutProvenance(api.body)).toEqual([]);
  });

  it.runIf('asOf' in cap.params.shape)('an as-of date past the data: bad input naming the date (400, exit 2)', async () => {
    const bad = { ...q, asOf: '2099-01-05' };
    const api = await getJson(srv.url, `/api/${cap.name}?${qs(bad)}`);
    expect(api.status, JSON.stringify(api.body)).toBe(400);
    expect(api.body.error.code).toBe('bad_input');
    expect(api.body.error.message).toMatch(/2099-01-05/);
    const c = await cli(cap, bad);
    expect(c.exit).toBe(2);
    expect(c.error?.message).toBe(api.body.error.message);
  });

  it.runIf(cap.examples.symbolField !== null)('an unknown symbol: not found (404, exit 3)', async () => {
    const bad = { ...q, [cap.examples.symbolField!]: 'NOSUCHSYM' };
    const api = await getJson(srv.url, `/api/${cap.name}?${qs(bad)}`);
    expect(api.status, JSON.stringify(api.body)).toBe(404);
    expect(api.body.error.code).toBe('not_found');
    expect(api.body.error.message).toMatch(/NOSUCHSYM/i);
    const c = await cli(cap, bad);
    expect(c.exit).toBe(3);
  });
});
