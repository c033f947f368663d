/**
 * What every Chromium suite shares: Debian's `chromium` found on PATH
 * (nothing downloads a browser), the screenshot folder, axe-core injected
 * through the DevTools protocol (which the page's CSP does not govern), and
 * the page errors a suite must end without.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { onPath } from '../../src/node/on-path';

/** Where the suites write their screenshots (never committed). */
export const SCREENSHOTS = join(__dirname, '..', '..', '..', 'test-output', 'screenshots');

/** The password the test network gives every login. */
export const PASSWORD = 'correct horse battery';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Debian's chromium, if installed. */
export const chromiumPath = onPath('chromium');

/**
 * The `skip` option of a Chromium suite: skipped (and shown as skipped)
 * without chromium on PATH, except in CI (CI=true), where a missing browser
 * is a failing test instead.
 */
export function skipWithoutChromium(): false | string {
  if (chromiumPath !== undefined) return false;
  if (process.env.CI === 'true') {
    it('finds chromium on PATH (CI installs Debian’s chromium package)', () => {
      assert.fail('chromium is not on PATH');
    });
  }
  return 'chromium is not on PATH';
}

/** Makes the screenshot folder; call before the first screenshot. */
export function screenshotFolder(): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return SCREENSHOTS;
}

/** A full-page screenshot of `page` as `name`.png. */
export function screenshot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: join(screenshotFolder(), `${name}.png`), fullPage: true });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core's serious and critical violations on the page as it is now, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  if ((await page.evaluate('typeof window.axe')) === 'undefined') await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    'axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)',
  )) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}

/** Asserts axe-core finds no serious or critical violation on `page`. */
export async function assertAccessible(page: Page, what: string): Promise<void> {
  assert.deepEqual(await seriousViolations(page), [], `axe on ${what}`);
}

/**
 * Collects `page`'s uncaught errors and console errors into `problems`,
 * but the browser's own "Failed to load resource" line, which it prints
 * for every 4xx answer (the suites cause some on purpose).
 */
export function watchForErrors(page: Page, problems: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text()))
      problems.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
}

/** Debian's Chromium, started for a suite (call only when the suite is not skipped). */
export function launchChromium(): Promise<Browser> {
  // Root in a CI container has no user namespaces for Chromium's sandbox.
  return chromium.launch({ executablePath: chromiumPath!, args: ['--no-sandbox'] });
}

/**
 * A page in a new context (en-GB unless told otherwise), waiting 10 s at
 * most for anything, its page errors collected into `problems`.
 */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions,
  problems: string[],
): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  watchForErrors(page, problems);
  return page;
}
