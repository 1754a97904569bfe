import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';

const ROOT = join(__dirname, '..', '..');

export interface HarnessOptions {
  /** The real sync server's origin. */
  url: string;
  /** Served as `/addin/<name>/…`. */
  name: string;
  /** The folder with the harness's index.html and its browser entry. */
  dir: string;
  /** The browser entry (in `dir`), bundled with esbuild and served as `script`. */
  entry: string;
  script: string;
  /** JavaScript that puts the seed on `window`, served as `seed.js`. */
  seed: string;
  /** Collects the page's script errors (a refused request logged by the browser itself is not one). */
  pageErrors: string[];
}

/**
 * A 320 px Chromium page on which `/addin/<name>/index.html` opens a test harness on the real server's origin: the
 * harness is never copied into addin/dist but served by intercepting its paths, with the server's own
 * Content-Security-Policy, so the pane runs under the production policy.
 */
export async function openHarness(o: HarnessOptions): Promise<{ browser: Browser; page: Page; csp: string }> {
  const real = await fetch(`${o.url}/addin/taskpane.html`);
  if (real.status !== 200) throw new Error(`the built pane is not served (${real.status}): run scripts/build.mjs`);
  const csp = real.headers.get('content-security-policy')!;
  const bundle = await build({
    entryPoints: [join(o.dir, o.entry)],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    alias: { '@svod/shared': join(ROOT, 'shared/src/index.ts') },
    logLevel: 'silent',
  });
  const files: Record<string, { type: string; body: string }> = {
    'index.html': { type: 'text/html; charset=utf-8', body: readFileSync(join(o.dir, 'index.html'), 'utf8') },
    [o.script]: { type: 'text/javascript; charset=utf-8', body: bundle.outputFiles[0]!.text },
    'seed.js': { type: 'text/javascript; charset=utf-8', body: o.seed },
  };

  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 320, height: 900 }, locale: 'ru-RU', timezoneId: 'Asia/Kamchatka' });
  // A step that does not happen fails in 10 s with its own message, not as the test's timeout.
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => o.pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) o.pageErrors.push(m.text());
  });
  const prefix = `/addin/${o.name}/`;
  await page.route(`${o.url}${prefix}**`, (route) => {
    const file = files[new URL(route.request().url()).pathname.replace(prefix, '')];
    if (!file) return route.fulfill({ status: 404, body: 'нет' });
    return route.fulfill({ status: 200, headers: { 'content-type': file.type, 'content-security-policy': csp }, body: file.body });
  });
  return { browser, page, csp };
}
