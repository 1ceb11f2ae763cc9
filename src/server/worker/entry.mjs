// Pool worker entry (plain JS, loaded by piscina in a worker thread). Worker threads do not inherit
// the TypeScript loader the CLI registers, so register it here, unless a compiled tasks.js sits beside.
import { existsSync } from 'node:fs';

const compiled = new URL('./tasks.js', import.meta.url);
let mod;
if (existsSync(compiled)) mod = await import(compiled.href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  mod = await import(new URL('./tasks.ts', import.meta.url).href);
}

export default function run(task) {
  return mod.runTask(task);
}
