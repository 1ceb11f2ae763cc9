import { PerfParams, StreakParams } from '../src/facts/params.ts';
console.log(Object.keys((PerfParams as any).shape), Object.keys(StreakParams.shape), PerfParams.constructor.name);
