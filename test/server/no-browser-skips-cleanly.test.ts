/**
 * Scenario (issue 16): on a machine without a runnable /usr/bin/chromium the e2e file failed with
 * `spawn /usr/bin/chromium EACCES` and a stack trace. Now the browser is looked for (CHROME_PATH,
 * /usr/bin/chromium, Playwright's own download) and, when there is none, the browser tests are
 * skipped with one message naming the install command.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INSTALL_COMMAND, lookForBrowser } from '../helpers/browser.ts';
import { REPO_ROOT, tempDir } from '../helpers/temp.ts';

const tmp = tempDir('md-browser-');
afterAll(() => tmp.cleanup());

describe('finding a browser', () => {
  it('a missing path and a file without execute permission (the EACCES case) are passed over, and the reason names the install command', () => {
    const noExec = tmp.write('chromium', '#!/bin/sh\n');
    chmodSync(noExec, 0o644);
    const r = lookForBrowser(['/nonexistent/chromium', noExec], {});
    expect(r.path).toBeNull();
    expect(r.tried).toEqual(['/nonexistent/chromium (missing)', `${noExec} (not executable)`]);
    expect(r.skipReason).toContain(`\`${INSTALL_COMMAND}\``);
    expect(r.skipReason).toContain('CHROME_PATH');
  });

  it('the first executable candidate is used', () => {
    const ok = tmp.write('bin/chrome', '#!/bin/sh\n');
    chmodSync(ok, 0o755);
    expect(lookForBrowser(['/nonexistent/chromium', ok], {})).toMatchObject({ path: ok, skipReason: null });
  });

  it('the dashboard e2e file with no usable browser: passes with its tests skipped, one message, no stack trace', () => {
    const r = spawnSync(
      process.execPath,
      [join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'test/server/dashboard.e2e.test.ts', '--reporter=default'],
      { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, CHROME_PATH: join(tmp.dir, 'no-such-chrome'), MARKETDASH_INSTALL_BROWSER: '' }, timeout: 240_000 },
    );
    const out = `${r.stdout}${r.stderr}`;
    expect(r.status, out.slice(-3000)).toBe(0);
    expect(out).toContain('browser tests skipped: no Chromium found');
    expect(out).toContain(`\`${INSTALL_COMMAND}\``);
    expect(out).toMatch(/skipped/);
    expect(out).not.toMatch(/EACCES|ENOENT|\n\s+at .+:\d+:\d+/);
  }, 240_000);

  it.skipIf(!existsSync('/usr/bin/chromium'))('on this machine /usr/bin/chromium is found', () => {
    expect(lookForBrowser(['/usr/bin/chromium'], {}).path).toBe('/usr/bin/chromium');
  });
});
