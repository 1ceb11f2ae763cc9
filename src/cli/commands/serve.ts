/**
 * `marketdash serve [--port 8080] [--host 127.0.0.1] [--db FILE]`: the JSON API and the dashboard.
 * Binds to 127.0.0.1 unless told otherwise; opens the store read-only; write endpoints need
 * MARKETDASH_TOKEN (without it they answer 403).
 */
import type { Command } from 'commander';
import { UserError } from '../../model/errors.ts';
import { dbPath, type GlobalOptions, openStore } from '../context.ts';
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
      const { startServer } = await import('../../server/start.ts'); // the server stack loads for this command only
      const store = await openStore(g);
      const token = process.env.MARKETDASH_TOKEN?.trim() || null;
      let server: Awaited<ReturnType<typeof startServer>>;
      try {
        server = await startServer(store, { host: o.host, port, token, checkBodyLimit });
      } catch (e) {
        await store.close();
        const err = e as NodeJS.ErrnoException;
        if (err.code === 'EADDRINUSE') throw new UserError(`port ${port} on ${o.host} is in use: pick another with --port`, 'unavailable');
        if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') throw new UserError(`cannot bind to ${o.host}`, 'bad_input');
        throw e;
      }
      const info = { url: server.url, db: path, readOnly: true, writeEndpoints: token ? 'enabled (token)' : 'disabled (no MARKETDASH_TOKEN)' };
      if (g.json) printJson(info);
      else process.stdout.write(`MarketDash serving ${server.url} (store ${path}, read-only; write endpoints ${info.writeEndpoints}). Ctrl-C to stop.\n`);
      const stop = async () => {
        await server.close();
        await store.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
