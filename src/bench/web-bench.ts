/**
 * `npm run bench:web -- [--runs N] [--live-seconds S] [--rate N] [--json]`:
 * the web app in Debian's Chromium against `eter demo` (its simulated tills
 * posting `--rate` tickets a second), server and browser on one machine.
 *
 * - Initial JavaScript per route: the scripts a cold load fetched, gzip -9
 *   (web-bundle.ts): login then the wallet, the manufacturer's dashboard,
 *   the auditor's explorer.
 * - Time from navigation start to the view's drawn mark
 *   (`eter:wallet-balance-drawn`, `eter:dashboard-chart-drawn`), on a cold
 *   load (a new browser context: empty cache) with a session cookie.
 * - Frames while the dashboard's live chart takes the stream's updates:
 *   the 95th percentile of animation-frame intervals and the long animation
 *   frames (web-frames.ts), and the updates that arrived.
 *
 * Figures are medians of `--runs` cold loads. See docs/benchmarks.md.
 */
import { Command } from 'commander';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../cli/commands/demo';
import { wholeOption } from '../cli/cli-options';
import { onPath } from '../node/on-path';
import { machineFacts } from './machine';
import { startServerProcess, type ServerProcess } from './server-process';
import { quantile, round } from './stats';
import { manifestNames, scriptCosts } from './web-bundle';
import { DROPPED_FRAME_MS, report, summarize, TARGETS, type Load } from './web-report';
import { recordFrames } from './web-frames';
import { liveLoadScript } from './web-live-load';
import { gtin13 } from '../sim/ticket-factory';
import { SYNTHETIC_MANUFACTURERS } from '../sim/workload';

interface BenchOptions {
  runs: number;
  liveSeconds: number;
  rate: number;
  liveRate: number;
  livePoints: number;
  json?: boolean;
}

const VIEWPORT = { width: 1280, height: 800 };
const WALLET_MARK = 'eter:wallet-balance-drawn';
const DASHBOARD_MARK = 'eter:dashboard-chart-drawn';
/** The live chart's ring buffer (web/src/features/manufacturer-sales/components/live-chart.tsx). */
const LIVE_CAPACITY = 10_000;

/** A new context (empty cache, no cookies), logged in as `username` when given. */
async function freshContext(
  browser: Browser,
  url: string,
  username?: string,
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-GB' });
  if (username !== undefined) {
    const answer = await context.request.post(`${url}/v1/auth/session`, {
      data: { username, password: DEMO_PASSWORD },
    });
    if (!answer.ok()) throw new Error(`login ${username}: ${answer.status()}`);
  }
  return context;
}

/**
 * Waits until the demo's tills have sold some of faber's products: the
 * dashboard draws its first chart only once there are figures to draw.
 */
async function untilFaberHasSales(url: string): Promise<void> {
  // The dashboard's own default window: the last seven days.
  const day = (offset: number) =>
    new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const faber = SYNTHETIC_MANUFACTURERS[0]!.manufacturerId;
  const deadline = Date.now() + 60_000;
  let token: string | undefined;
  let last = '';
  while (Date.now() < deadline) {
    // The demo may still be creating its logins when it first answers /healthz.
    if (token === undefined) {
      const login = await fetch(`${url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'faber', password: DEMO_PASSWORD }),
      });
      if (login.ok) token = ((await login.json()) as { token: string }).token;
      else last = `login: ${login.status}`;
    }
    if (token !== undefined) {
      const answer = await fetch(
        `${url}/v1/manufacturers/${faber}/sales?from=${day(-6)}&to=${day(0)}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      if (answer.ok && ((await answer.json()) as { rows: unknown[] }).rows.length > 0) return;
      last = `sales: ${answer.status}`;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the demo sold nothing of faber's within 60 s (${last})`);
}

/** Collects the app's script URLs a page fetches. */
function watchScripts(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') urls.push(request.url());
  });
  return urls;
}

async function markTime(page: Page, mark: string): Promise<number> {
  await page.waitForFunction((m) => performance.getEntriesByName(m, 'mark').length > 0, mark, {
    timeout: 30_000,
  });
  return page.evaluate((m) => performance.getEntriesByName(m, 'mark')[0]!.startTime, mark);
}

/** Cold-loads `path` as `username` and waits for `mark`. */
async function coldLoad(
  browser: Browser,
  url: string,
  names: Map<string, string>,
  path: string,
  username: string,
  mark: string,
): Promise<Load> {
  const context = await freshContext(browser, url, username);
  try {
    const page = await context.newPage();
    const urls = watchScripts(page);
    await page.goto(url + path);
    const markMs = await markTime(page, mark);
    await page.waitForLoadState('networkidle');
    return { scripts: scriptCosts(urls, names), markMs };
  } finally {
    await context.close();
  }
}

/** The login page, then the wallet it leads to, as a new customer would: what JavaScript it takes. */
async function loginThenWallet(
  browser: Browser,
  url: string,
  names: Map<string, string>,
): Promise<Load> {
  const context = await freshContext(browser, url);
  try {
    const page = await context.newPage();
    const urls = watchScripts(page);
    await page.goto(`${url}/login?redirect=%2Fwallet`);
    await page.getByLabel(/username/i).fill('alice');
    await page.getByLabel(/password/i).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /log in|sign in/i }).click();
    await markTime(page, WALLET_MARK);
    await page.waitForLoadState('networkidle');
    return { scripts: scriptCosts(urls, names) };
  } finally {
    await context.close();
  }
}

/**
 * The live phase: the dashboard open as faber while the demo's tills post,
 * its chart filled to `points` and topped up to `perSecond` sales a second
 * (web-live-load.ts); frames recorded for `seconds` once the chart is full.
 */
async function liveFrames(
  browser: Browser,
  url: string,
  load: { seconds: number; points: number; perSecond: number },
) {
  const context = await freshContext(browser, url, 'faber');
  try {
    const faber = SYNTHETIC_MANUFACTURERS[0]!;
    await context.addInitScript(
      liveLoadScript({
        prefill: load.points,
        perSecond: load.perSecond,
        gtin: gtin13(faber.prefix, 1),
      }),
    );
    const page = await context.newPage();
    let streamed = 0;
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    cdp.on('Network.eventSourceMessageReceived', () => {
      streamed += 1;
    });
    await page.goto(`${url}/manufacturer`);
    await markTime(page, DASHBOARD_MARK);
    const full = Math.min(load.points, LIVE_CAPACITY);
    // Functions, not strings: the page's CSP forbids evaluating text.
    await page.waitForFunction(
      (n) => {
        const chart = (globalThis as unknown as InPage).document.querySelector('[data-points]');
        return Number(chart?.getAttribute('data-points')) >= n;
      },
      full,
      { timeout: 60_000 },
    );
    const synthetic = (): Promise<number> =>
      page.evaluate(() => (globalThis as unknown as InPage).__syntheticSales);
    const sentBefore = await synthetic();
    streamed = 0;
    const frames = await recordFrames(page, load.seconds);
    const sent = (await synthetic()) - sentBefore;
    const points = Number(await page.locator('[data-points]').first().getAttribute('data-points'));
    return {
      frames,
      points,
      syntheticPerSecond: sent / load.seconds,
      streamedPerSecond: streamed / load.seconds,
    };
  } finally {
    await context.close();
  }
}

/** What the bench reads in the page (this build has no DOM types). */
interface InPage {
  readonly __syntheticSales: number;
  readonly document: {
    querySelector(selector: string): { getAttribute(name: string): string | null } | null;
  };
}

async function main(): Promise<void> {
  const options = new Command()
    .name('bench:web')
    .option('--runs <n>', 'cold loads per figure; figures are medians', wholeOption('--runs'), 5)
    .option(
      '--live-seconds <s>',
      'seconds of live updates measured',
      wholeOption('--live-seconds'),
      30,
    )
    .option('--rate <n>', "the demo tills' tickets per second", wholeOption('--rate'), 20)
    .option(
      '--live-rate <n>',
      "synthetic sales a second on top of the demo's",
      wholeOption('--live-rate'),
      20,
    )
    .option(
      '--live-points <n>',
      'points in the live chart before frames are recorded',
      wholeOption('--live-points'),
      10_000,
    )
    .option('--json', 'print one JSON object')
    .parse()
    .opts<BenchOptions>();
  const progress = (text: string) => {
    if (!options.json) process.stderr.write(text);
  };
  const executablePath = onPath('chromium');
  if (executablePath === undefined) throw new Error('bench:web needs chromium on PATH');
  const names = manifestNames();
  const dataDir = mkdtempSync(join(tmpdir(), 'eter-bench-web-'));
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  try {
    progress('starting eter demo… ');
    server = await startServerProcess(dataDir, {
      command: ['demo', '--rate', String(options.rate)],
    });
    await untilFaberHasSales(server.url);
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
    const cpuStart = server.cpuSeconds();
    const started = Date.now();
    const wallet: Load[] = [];
    const loginWallet: Load[] = [];
    const dashboard: Load[] = [];
    const explorer: Load[] = [];
    for (let run = 1; run <= options.runs; run++) {
      progress(`\ncold loads, run ${run}/${options.runs}`);
      loginWallet.push(await loginThenWallet(browser, server.url, names));
      wallet.push(await coldLoad(browser, server.url, names, '/wallet', 'alice', WALLET_MARK));
      dashboard.push(
        await coldLoad(browser, server.url, names, '/manufacturer', 'faber', DASHBOARD_MARK),
      );
      explorer.push(await explorerLoad(browser, server.url, names));
    }
    progress(`\nlive updates, ${options.liveSeconds} s… `);
    const live = await liveFrames(browser, server.url, {
      seconds: options.liveSeconds,
      points: options.livePoints,
      perSecond: options.liveRate,
    });
    const serverCpu = (server.cpuSeconds() ?? 0) - (cpuStart ?? 0);
    const result = {
      machine: machineFacts(),
      chromium: browser.version(),
      runs: options.runs,
      demoRate: options.rate,
      loginWallet: summarize(loginWallet),
      wallet: summarize(wallet),
      dashboard: summarize(dashboard),
      explorer: summarize(explorer),
      live: {
        seconds: options.liveSeconds,
        chartPoints: live.points,
        syntheticSalesPerSecond: round(live.syntheticPerSecond, 1),
        streamedEventsPerSecond: round(live.streamedPerSecond, 1),
        frames: live.frames.intervals.length,
        frameIntervalP50Ms: round(quantile(live.frames.intervals, 0.5), 1),
        frameIntervalP95Ms: round(quantile(live.frames.intervals, 0.95), 1),
        longAnimationFrames: live.frames.longFramesSupported
          ? live.frames.longFrames.length
          : 'not supported',
        longestFrameMs: round(Math.max(0, ...live.frames.longFrames), 0),
        droppedFrames: live.frames.intervals.filter((i) => i >= DROPPED_FRAME_MS).length,
      },
      serverCpuShare: round(serverCpu / ((Date.now() - started) / 1000), 2),
      targets: TARGETS,
    };
    if (options.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    else process.stdout.write('\n' + report(result) + '\n');
  } finally {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The auditor's explorer, cold: its JavaScript (it sets no drawn mark). */
async function explorerLoad(
  browser: Browser,
  url: string,
  names: Map<string, string>,
): Promise<Load> {
  const context = await freshContext(browser, url, 'auditor');
  try {
    const page = await context.newPage();
    const urls = watchScripts(page);
    await page.goto(`${url}/auditor`);
    await page.waitForLoadState('networkidle');
    return { scripts: scriptCosts(urls, names) };
  } finally {
    await context.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
