// Pool worker entry (plain JS, loaded by piscina in a worker thread). Worker threads do not inherit
// the TypeScript loader the CLI registers, so register it here, unless a compiled tasks.js sits beside.
import { existsSync } from 'node:fs';

// Compiled (dist/): tasks.js beside this file, or the one build entry under dist/chunks/worker/.
const compiled = [new URL('./tasks.js', import.meta.url), new URL('../../chunks/worker/tasks.js', import.meta.url)].find((u) => existsSync(u));
let mod;
if (compiled) mod = await import(compiled.href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  mod = await import(new URL('./tasks.ts', import.meta.url).href);
}

export default function run(task) {
  return mod.runTask(task);
}
