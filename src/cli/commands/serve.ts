/**
 * `marketdash serve [--port 8080] [--host 127.0.0.1] [--db FILE|postgres://…]`: the JSON API and the
 * dashboard. Binds to 127.0.0.1 unless told otherwise; the HTTP API is read-only (write endpoints
 * need MARKETDASH_TOKEN). On a DuckDB file the server owns the store and other local commands reach
 * it through its socket (reads answer, imports land and show at once); on PostgreSQL it polls.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { UserError } from '../../model/errors.ts';
import type { startOwnedServer } from '../../server/start.ts';
import { isPostgresUrl } from '../../store/open.ts';
import { dbPath, type GlobalOptions, shownDb } from '../context.ts';
import { printJson } from '../output.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the JSON API (/api, OpenAPI at /api/openapi.json) and the dashboard, read-only')
    .option('--port <n>', 'port (0: any free port)', '8080')
    .option('--host <host>', 'interface to bind (default loopback only)', '127.0.0.1')
    .option('--check-limit <bytes>', 'largest article accepted by POST /api/check', String(512 * 1024))
    .action(async (o: { port: string; host: string; checkLimit: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port must be 0..65535, got '${o.port}'`);
      const checkBodyLimit = Number(o.checkLimit);
      if (!Number.isInteger(checkBodyLimit) || checkBodyLimit < 1) throw new UserError(`--check-limit must be a positive number of bytes, got '${o.checkLimit}'`);
      const path = dbPath(g);
      if (!isPostgresUrl(path) && !existsSync(path)) {
        const from = g.db ? '--db' : process.env.MARKETDASH_DB ? 'MARKETDASH_DB' : 'the default store';
        throw new UserError(`no store at ${path} (from ${from}): check the path, or build it with \`marketdash main\` or \`marketdash import DIR\``);
      }
      const { startOwnedServer: start } = await import('../../server/start.ts'); // the server stack loads for this command only
      const token = process.env.MARKETDASH_TOKEN?.trim() || null;
      let owned: Awaited<ReturnType<typeof startOwnedServer>>;
      try {
        owned = await start(path, { role: 'serve', host: o.host, port, token, checkBodyLimit });
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        if (err.code === 'EADDRINUSE') throw new UserError(`port ${port} on ${o.host} is in use: pick another with --port`, 'unavailable');
        if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') throw new UserError(`cannot bind to ${o.host}`, 'bad_input');
        throw e;
      }
      const server = owned.server;
      const info = {
        url: server.url, db: shownDb(g), readOnly: true, pid: process.pid, socket: owned.socket,
        writeEndpoints: token ? 'enabled (token)' : 'disabled (no MARKETDASH_TOKEN)',
      };
      if (g.json) printJson(info);
      else process.stdout.write(`MarketDash serving ${server.url} (store ${info.db}, read-only API; write endpoints ${info.writeEndpoints}). Ctrl-C to stop.\n`);
      const stop = async () => {
        await owned.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
