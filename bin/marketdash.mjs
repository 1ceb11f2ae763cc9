#!/usr/bin/env node
// Entry point: runs the compiled CLI in dist/ (built by `npm run build`, which `npm ci` runs through
// the `prepare` script). During development, `npm run dev -- <args>` runs the TypeScript sources instead.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.stderr.write(
    `marketdash: the compiled CLI is missing (${fileURLToPath(main)}).\n` +
      `Build it with \`npm run build\` in ${root} (\`npm ci\` and \`npm install\` build it too).\n`,
  );
  process.exit(1);
}
await import(main.href);
