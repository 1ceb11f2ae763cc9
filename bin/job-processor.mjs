// Sandboxed BullMQ processor: a child process of `marketdash worker` that runs one job at a time
// (registers the TypeScript loader, then hands each job to src/worker/processors.ts).
import { register } from 'tsx/esm/api';

register();
const { processJob } = await import('../src/worker/processors.ts');

export default processJob;
