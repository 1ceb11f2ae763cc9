/**
 * A worker-thread pool (piscina) for the server's CPU-heavy work: claim checks, reports and
 * uncached facts run off the event loop, so /api/health and cached answers stay fast while they
 * run. Each worker opens the store file read-only. The queue is bounded: when it is full a request
 * gets 503 with Retry-After instead of waiting without end.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { HttpError } from './errors.ts';
import { JsonText } from './results.ts';
import { fromWire, stoppingError, type Task, type TaskResult } from './worker/tasks.ts';

export interface PoolOptions {
  /** The DuckDB store file the workers open read-only, or the PostgreSQL URL they connect to. */
  dbPath: string;
  /** The owning server's store socket: workers ask it instead of opening the file (null: open read-only). */
  socket?: string | null;
  /** Worker threads (MARKETDASH_WORKERS; default: cores − 1, at least 1, at most 4). */
  threads?: number;
  /** Tasks waiting beyond the running ones before requests get 503 (MARKETDASH_QUEUE; default 32). */
  maxQueue?: number;
  /** Seconds suggested in Retry-After when the queue is full (default 2). */
  retryAfter?: number;
}

/** 503 with Retry-After: the pool's queue is full. */
export class BusyError extends HttpError {
  constructor(retryAfter: number) {
    super(503, 'unavailable', `the server is busy (work queue full): retry in ${retryAfter} s`);
    this.retryAfter = retryAfter;
  }
}

export function defaultThreads(): number {
  const env = Number(process.env.MARKETDASH_WORKERS);
  if (Number.isInteger(env) && env >= 0) return env;
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/** The workers' nice increment (MARKETDASH_WORKER_NICE, 0–19; default 10). */
export function workerNice(): number {
  const env = Number(process.env.MARKETDASH_WORKER_NICE);
  return Number.isInteger(env) && env >= 0 && env <= 19 ? env : 10;
}

export class WorkerPool {
  private readonly pool: Piscina;
  readonly threads: number;
  readonly maxQueue: number;
  private readonly retryAfter: number;
  /** Checks and reports admitted and not yet answered (running or waiting). */
  private heavyInFlight = 0;
  /** Shared with the workers (worker/tasks.ts): [0] closing, [1] workers that closed their store. */
  private readonly control = new Int32Array(new SharedArrayBuffer(8));
  /** Every task given to piscina and not settled (running or queued there). */
  private readonly given = new Set<Promise<unknown>>();
  private closing: Promise<void> | null = null;
  /** The stamp of the store's read cache while the server answers from it: sent with every task, so workers read it too (null: not). */
  readCache: string | null = null;
  /** Bumped when the data changed (a new data version, a clear): sent with every task, so workers forget their memoised reads. */
  generation = 0;

  constructor(o: PoolOptions) {
    this.threads = Math.max(1, o.threads ?? defaultThreads());
    const envQueue = Number(process.env.MARKETDASH_QUEUE);
    this.maxQueue = o.maxQueue ?? (Number.isInteger(envQueue) && envQueue >= 0 ? envQueue : 32);
    this.retryAfter = o.retryAfter ?? 2;
    this.pool = new Piscina({
      filename: new URL('./worker/entry.mjs', import.meta.url).href,
      minThreads: this.threads,
      maxThreads: this.threads,
      workerData: { dbPath: o.dbPath, socket: o.socket ?? null, control: this.control },
      idleTimeout: 60_000,
      atomics: 'async',
      // Workers run at a lower CPU priority (Linux), so the event loop answering HTTP wins the core.
      niceIncrement: workerNice(),
    });
  }

  /** Tasks waiting for a worker. */
  get queued(): number {
    return this.pool.queueSize;
  }

  stats(): { threads: number; queued: number; maxQueue: number; completed: number } {
    return { threads: this.threads, queued: this.pool.queueSize, maxQueue: this.maxQueue, completed: this.pool.completed };
  }

  /**
   * Run a task in a worker. Requests for heavy work (checks, reports) are admitted while fewer than
   * threads + maxQueue of them are in flight, else BusyError (503) at once. The facts a page fans out
   * to (the overview asks for dozens, also while it is pre-rendered at start) are never refused: they
   * are bounded by the pages themselves and would otherwise crowd out the requests the limit is for.
   */
  async run(given: Task, o: { background?: boolean } = {}): Promise<unknown> {
    if (this.closing) throw stoppingError();
    const task: Task = { ...given, cache: this.readCache, generation: this.generation };
    if (o.background) return this.runBackground(task);
    const heavy = task.kind === 'check' || (task.kind === 'endpoint' && task.path === '/api/report');
    if (heavy && this.heavyInFlight >= this.threads + this.maxQueue) throw new BusyError(this.retryAfter);
    if (heavy) this.heavyInFlight++;
    this.foreground++;
    let r: TaskResult;
    try {
      r = await this.give(task);
    } finally {
      if (heavy) this.heavyInFlight--;
      this.foreground--;
      this.wake();
    }
    return unwrap(r);
  }

  /** Requests in flight (running or queued in piscina), not background. */
  private foreground = 0;
  /** Background tasks given to piscina and not done. */
  private backgroundRunning = 0;
  private readonly backgroundWaiting: (() => void)[] = [];

  /**
   * Background work (the pages pre-rendered at start) yields to requests: a background task is given
   * to a worker only while no request is in flight, and at most two per thread at a time (one running,
   * one ready, so the worker never idles waiting for the event loop to hand it the next), so a request
   * that arrives meanwhile waits for at most those, never for the whole queue.
   */
  private async runBackground(task: Task): Promise<unknown> {
    while (this.foreground > 0 || this.backgroundRunning >= 2 * this.threads) {
      await new Promise<void>((resolve) => this.backgroundWaiting.push(resolve));
      if (this.closing) throw stoppingError();
    }
    this.backgroundRunning++;
    let r: TaskResult;
    try {
      r = await this.give(task);
    } finally {
      this.backgroundRunning--;
      this.wake();
    }
    return unwrap(r);
  }

  /**
   * Load every worker's modules and open its store (the read cache when there is one) before the first
   * request, so that request pays only for its own computation.
   */
  async warm(): Promise<void> {
    const tasks = Array.from({ length: this.threads }, () => this.give({ kind: 'warm', cache: this.readCache, generation: this.generation } satisfies Task));
    await Promise.all(tasks);
  }

  /** Hand a task to piscina, remembered until it settles (close waits for every one). */
  private give(task: Task): Promise<TaskResult> {
    const p = this.pool.run(task) as Promise<TaskResult>;
    this.given.add(p);
    const forget = () => this.given.delete(p);
    p.then(forget, forget);
    return p;
  }

  /** Let waiting background tasks look again (each re-checks the conditions). */
  private wake(): void {
    if (this.foreground > 0 && !this.closing) return;
    for (const resolve of this.backgroundWaiting.splice(0)) resolve();
  }

  /**
   * Stop the workers with no task running in any of them: terminating a thread in the middle of a
   * native DuckDB call takes the whole process down (Napi::Error). New tasks get 503 at once; the
   * workers answer the tasks still queued in piscina with 503 without touching the store; close waits
   * until every task given to piscina has settled (piscina's own close may terminate a worker that is
   * still running one: it counts a worker as done each time any task ends) and until each worker has
   * closed its own store (bounded: 10 s), and only then lets piscina terminate the threads.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      Atomics.store(this.control, 0, 1);
      Atomics.notify(this.control, 0);
      this.wake();
      while (this.given.size > 0) await Promise.allSettled([...this.given]);
      const deadline = Date.now() + 10_000;
      while (Atomics.load(this.control, 1) < this.pool.threads.length && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      await this.pool.close();
    })();
    return this.closing;
  }
}

/** A task's answer: its value, a JSON text the worker serialised (JsonText), or its error thrown. */
function unwrap(r: TaskResult): unknown {
  if (!r.ok) throw fromWire(r.error);
  return 'json' in r ? new JsonText(r.json) : r.value;
}
