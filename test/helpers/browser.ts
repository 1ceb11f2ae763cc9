/**
 * The browser the browser tests drive. Looked for, in order: CHROME_PATH (when set, the only
 * candidate: an explicit choice is never silently replaced), /usr/bin/chromium, /usr/bin/chromium-browser,
 * /usr/bin/google-chrome, and Playwright's own download (`npx playwright-core install chromium`,
 * where the network allows it). With MARKETDASH_INSTALL_BROWSER=1, as root, and apt-get present,
 * a missing browser is installed the way .ci/run does. Otherwise the browser tests are skipped with
 * one message naming the install command — never a stack trace.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const INSTALL_COMMAND = 'apt-get install chromium';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export interface BrowserLookup {
  /** An executable browser, or null. */
  path: string | null;
  /** Each candidate looked at and why it was not used. */
  tried: string[];
  /** Why the browser tests are skipped (null when a browser was found). */
  skipReason: string | null;
}

function executable(p: string): string | null {
  try {
    if (!statSync(p).isFile()) return 'not a file';
    accessSync(p, constants.X_OK);
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'missing' : code === 'EACCES' ? 'not executable' : (code ?? 'unusable');
  }
}

function playwrightOwn(): string | null {
  try {
    return chromium.executablePath() || null;
  } catch {
    return null;
  }
}

/** Candidates in order of preference (CHROME_PATH alone when it is set). */
export function browserCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.CHROME_PATH) return [env.CHROME_PATH];
  const own = playwrightOwn();
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', ...(own ? [own] : [])];
}

export function lookForBrowser(candidates: string[], env: NodeJS.ProcessEnv = process.env): BrowserLookup {
  const tried: string[] = [];
  for (const c of candidates) {
    const problem = executable(c);
    if (!problem) return { path: c, tried, skipReason: null };
    tried.push(`${c} (${problem})`);
  }
  const hint = env.CHROME_PATH ? ` or point CHROME_PATH at a Chrome/Chromium executable (now '${env.CHROME_PATH}')` : ' or set CHROME_PATH to a Chrome/Chromium executable';
  return {
    path: null,
    tried,
    skipReason: `browser tests skipped: no Chromium found (looked at ${tried.join(', ') || 'nothing'}). Install it with \`${INSTALL_COMMAND}\` (Debian/Ubuntu, as root)${hint}.`,
  };
}

function tryInstall(env: NodeJS.ProcessEnv): boolean {
  if (env.MARKETDASH_INSTALL_BROWSER !== '1' || env.CHROME_PATH || process.getuid?.() !== 0 || executable('/usr/bin/apt-get')) return false;
  try {
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'ignore', env: { ...env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 600_000 });
    return true;
  } catch {
    return false;
  }
}

let cached: BrowserLookup | null = null;
let warned = false;

/** The browser for this run (looked up once per test file); prints the skip reason once when there is none. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): BrowserLookup {
  if (!cached) {
    cached = lookForBrowser(browserCandidates(env), env);
    if (!cached.path && tryInstall(env)) cached = lookForBrowser(browserCandidates(env), env);
  }
  if (cached.skipReason && !warned) {
    warned = true;
    process.stderr.write(`\n${cached.skipReason}\n`);
  }
  return cached;
}
