/**
 * The web app in a real Chromium (Debian's `chromium`, driven by
 * playwright-core; nothing downloads a browser) against a real server on a
 * temporary ledger: logging in and out, the wallet in both languages, a
 * session that ends under the page, keyboard-only login, axe-core's
 * accessibility rules, the CSP, and the API's own paths kept from the app.
 * Screenshots go to test-output/screenshots. Without chromium on PATH the
 * suite is skipped, except in CI (CI=true), where that is a failure.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  assertAccessible,
  launchChromium,
  PASSWORD,
  screenshot,
  screenshotFolder,
  skipWithoutChromium,
} from './browser-harness';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../../src/api/config';
import { startLocalServer } from '../../src/cli/local-server';
import { tempDir } from '../support/engines';
import { basket, ids, startTestNetwork, type TestNetwork } from '../support/network';

const USERNAME = 'customer-own';

/** A decimal string for Intl, which formats it digit for digit (ES2023; this project's lib is ES2022). */
const decimal = (amount: string) => amount as unknown as number;

describe('web app in Chromium', { skip: skipWithoutChromium() }, () => {
  let net: TestNetwork;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Content-Security-Policy violations and uncaught errors the pages reported. */
  const problems: string[] = [];

  const watch = (p: Page) => {
    p.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text()))
        problems.push(`${p.url()}: ${message.text()}`);
    });
    p.on('pageerror', (error) => problems.push(`${p.url()}: ${error.message}`));
  };

  const newPage = async (locale = 'en-GB') => {
    const ctx = await browser.newContext({ locale, viewport: { width: 1100, height: 800 } });
    const p = await ctx.newPage();
    watch(p);
    return { ctx, p };
  };

  const logIn = async (p: Page) => {
    await p.getByLabel('Username').fill(USERNAME);
    await p.getByLabel('Password').fill(PASSWORD);
    await p.getByRole('button', { name: 'Log in' }).click();
  };

  before(async () => {
    screenshotFolder();
    net = await startTestNetwork();
    browser = await launchChromium();
    ({ ctx: context, p: page } = await newPage());
  });

  after(async () => {
    await browser?.close();
    await net?.close();
  });

  it('sends a page load to the login, then to the page asked for', async () => {
    await page.goto(`${net.url}/wallet`);
    await page.waitForURL(/\/login\?redirect=/);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await screenshot(page, 'login');
    await assertAccessible(page, 'the login page');
    await logIn(page);
    await page.waitForURL(`${net.url}/wallet`);
    await page.getByRole('heading', { name: 'Your points' }).waitFor();
  });

  it("shows the customer's balance and tickets, money from decimal strings", async () => {
    const points = await net.request('GET', `/v1/customers/${ids.own.customer}/points`, {
      auth: net.token('customer'),
    });
    const balance = (points.body as { balance: number }).balance;
    const shown = await page.getByTestId('balance').textContent();
    assert.equal(shown, `${new Intl.NumberFormat('en-GB').format(balance)} points`);
    const ticket = net.tickets.own;
    const row = page.getByRole('row').filter({ hasText: ticket.ticketId });
    const total = new Intl.NumberFormat('en-GB', { style: 'currency', currency: ticket.currency })
      .format(decimal(ticket.total))
      .replace(/\s/g, ' ');
    assert.equal(
      ((await row.getByRole('cell').last().textContent()) ?? '').replace(/\s/g, ' '),
      total,
    );
    await screenshot(page, 'wallet-en');
    await assertAccessible(page, 'the wallet');
  });

  it('switches to Spanish, and keeps it across a reload', async () => {
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Tus puntos' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'es');
    const ticket = net.tickets.own;
    const row = page.getByRole('row').filter({ hasText: ticket.ticketId });
    const total = new Intl.NumberFormat('es-ES', { style: 'currency', currency: ticket.currency })
      .format(decimal(ticket.total))
      .replace(/\s/g, ' ');
    assert.equal(
      ((await row.getByRole('cell').last().textContent()) ?? '').replace(/\s/g, ' '),
      total,
    );
    await page.reload();
    await page.getByRole('heading', { name: 'Tus puntos' }).waitFor();
    await screenshot(page, 'wallet-es');
    await assertAccessible(page, 'the wallet in Spanish');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Your points' }).waitFor();
  });

  it('updates the balance live, from the points stream, without a reload', async () => {
    const shown = async () => (await page.getByTestId('balance').textContent()) ?? '';
    const before = await shown();
    const sale = basket('t-live-1', ids.own.store, ids.own.customer);
    const recorded = await net.request('POST', '/v1/tickets', { auth: net.apiKey, body: sale });
    assert.equal(recorded.status, 201);
    await page.waitForFunction(
      `document.querySelector('[data-testid="balance"]')?.textContent !== ${JSON.stringify(before)}`,
    );
    assert.notEqual(await shown(), before);
    await page.getByRole('row').filter({ hasText: 't-live-1' }).waitFor();
  });

  it('keeps the session in an httpOnly, SameSite=Strict cookie, never in storage', async () => {
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'eter_session');
    assert.ok(session, 'a session cookie');
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Strict');
    const storage = (await page.evaluate(
      'JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])',
    )) as string;
    assert.ok(!storage.includes(session.value), 'the token is not in web storage');
    assert.ok(!page.url().includes(session.value), 'nor in the URL');
  });

  it('refuses a state-changing request by cookie without its CSRF token', async () => {
    const status = await page.evaluate(
      "fetch('/v1/auth/session', { method: 'DELETE' }).then((r) => r.status)",
    );
    assert.equal(status, 401);
    // Still logged in: the forged logout did nothing.
    const me = await page.evaluate("fetch('/v1/auth/session').then((r) => r.status)");
    assert.equal(me, 200);
  });

  it('returns to the login when the session ends under the page, then back to it', async () => {
    net.server.users.revokeTokens(USERNAME);
    await page.reload();
    await page.waitForURL(/\/login\?redirect=%2Fwallet/);
    await logIn(page);
    await page.waitForURL(`${net.url}/wallet`);
    await page.getByRole('heading', { name: 'Your points' }).waitFor();
  });

  it('notices a session revoked while the page is open, and comes back after the login', async () => {
    await page.getByRole('heading', { name: 'Your points' }).waitFor();
    net.server.users.revokeTokens(USERNAME);
    // The stream, opened before, brings a movement; refetching after it meets the 401.
    const sale = basket('t-live-2', ids.own.store, ids.own.customer);
    const recorded = await net.request('POST', '/v1/tickets', { auth: net.apiKey, body: sale });
    assert.equal(recorded.status, 201);
    await page.waitForURL(/\/login\?.*redirect=%2Fwallet/);
    await page.getByText('Your session has ended. Log in again to go on.').waitFor();
    await screenshot(page, 'login-session-ended');
    await logIn(page);
    await page.waitForURL(`${net.url}/wallet`);
    await page.getByRole('row').filter({ hasText: 't-live-2' }).waitFor();
  });

  it('logs out: the cookie is revoked, and a reload shows the login', async () => {
    const before = (await context.cookies()).find((c) => c.name === 'eter_session')!.value;
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/login/);
    await page.reload();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.goto(`${net.url}/wallet`);
    await page.waitForURL(/\/login\?redirect=/);
    const replay = await fetch(`${net.url}/v1/auth/session`, {
      headers: { cookie: `eter_session=${before}` },
    });
    assert.equal(replay.status, 401, 'the old cookie no longer counts');
  });

  it('logs in with the keyboard alone', async () => {
    const { ctx, p } = await newPage();
    try {
      await p.goto(`${net.url}/login`);
      await p.getByRole('heading', { name: 'Log in' }).waitFor();
      const focused = () =>
        p.evaluate(
          'document.activeElement && (document.activeElement.getAttribute("name") || document.activeElement.textContent)',
        );
      assert.equal(await focused(), 'username', 'the username field has the focus');
      await p.keyboard.type(USERNAME);
      await p.keyboard.press('Tab');
      assert.equal(await focused(), 'password');
      await p.keyboard.type(PASSWORD);
      await p.keyboard.press('Tab');
      assert.equal(await focused(), 'Log in');
      await p.keyboard.press('Enter');
      await p.getByRole('heading', { name: /Welcome/ }).waitFor();
      await screenshot(p, 'home-after-keyboard-login');
      await assertAccessible(p, 'the start page');
    } finally {
      await ctx.close();
    }
  });

  it('walks the wallet with the keyboard alone: to the points, then to a transfer to review', async () => {
    const { ctx, p } = await newPage();
    try {
      await p.goto(`${net.url}/login`);
      await p.getByRole('heading', { name: 'Log in' }).waitFor();
      await p.keyboard.type(USERNAME);
      await p.keyboard.press('Tab');
      await p.keyboard.type(PASSWORD);
      await p.keyboard.press('Enter');
      await p.getByRole('heading', { name: /Welcome/ }).waitFor();
      /** Presses Tab until the focused element's text is `text` (at most 40 times). */
      const tabTo = async (text: string) => {
        for (let i = 0; i < 40; i++) {
          await p.keyboard.press('Tab');
          const focused = await p.evaluate(
            'document.activeElement && (document.activeElement.textContent || "").trim()',
          );
          if (focused === text) return;
        }
        assert.fail(`Tab never reached "${text}"`);
      };
      await tabTo('See your points and tickets.');
      await p.keyboard.press('Enter');
      await p.getByRole('heading', { name: 'Your points' }).waitFor();
      await tabTo('Send points');
      await p.keyboard.press('Enter');
      await p.getByRole('heading', { name: 'Send points' }).waitFor();
      await p.getByLabel('Customer id of the recipient').focus();
      await p.keyboard.type(ids.foreign.customer);
      await p.keyboard.press('Tab');
      await p.keyboard.type('10');
      await p.keyboard.press('Enter');
      await p.getByRole('heading', { name: 'Confirm the transfer' }).waitFor();
      await assertAccessible(p, 'the transfer to confirm');
    } finally {
      await ctx.close();
    }
  });

  it('chooses Spanish for a Spanish browser, and says a wrong password in it', async () => {
    const { ctx, p } = await newPage('es-ES');
    try {
      await p.goto(`${net.url}/login`);
      await p.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
      await p.getByLabel('Usuario').fill(USERNAME);
      await p.getByLabel('Contraseña').fill('not the password');
      await p.getByRole('button', { name: 'Entrar' }).click();
      await p.getByRole('alert').filter({ hasText: 'Usuario o contraseña incorrectos.' }).waitFor();
      await screenshot(p, 'login-error-es');
      await assertAccessible(p, 'the login page with an error');
    } finally {
      await ctx.close();
    }
  });

  it('offers the demo logins on the demo’s login page', async () => {
    const dir = tempDir('eter-web-demo-');
    const config = loadConfig({ flags: { port: 0, dataDir: dir.path, logLevel: 'silent' } });
    const demo = await startLocalServer(config, {
      password: 'demo-password-1',
      logins: [{ username: 'auditor', role: 'auditor', sees: 'blocks and proofs' }],
    });
    await demo.users.create({
      username: 'auditor',
      password: 'demo-password-1',
      role: 'auditor',
    });
    const { ctx, p } = await newPage();
    try {
      await p.goto(`${demo.address}/login`);
      await p.getByRole('heading', { name: 'Demo logins' }).waitFor();
      await p.getByText('Every demo login has the password demo-password-1.').waitFor();
      // What each login sees is the app's own text, in the reader's language.
      await p.getByText('auditor: blocks and proofs').waitFor();
      await screenshot(p, 'login-demo');
      await assertAccessible(p, 'the demo login page');
      await p.getByRole('button', { name: 'Use auditor' }).click();
      await p.getByRole('button', { name: 'Log in' }).click();
      await p.getByRole('heading', { name: 'Welcome, auditor' }).waitFor();
    } finally {
      await ctx.close();
      await demo.close();
      dir.cleanup();
    }
  });

  it('shows a not-found page for an unknown path', async () => {
    const { ctx, p } = await newPage();
    try {
      await p.goto(`${net.url}/no/such/page`);
      await p.getByRole('heading', { name: 'Page not found' }).waitFor();
      await screenshot(p, 'not-found');
      await assertAccessible(p, 'the not-found page');
    } finally {
      await ctx.close();
    }
  });

  it('serves the API docs under their own policy', async () => {
    const { ctx, p } = await newPage();
    try {
      await p.goto(`${net.url}/docs`);
      await p.locator('.swagger-ui .opblock').first().waitFor();
      await screenshot(p, 'docs');
    } finally {
      await ctx.close();
    }
  });

  it('met no CSP violation and no script error on any page, and the CSP holds', async () => {
    assert.deepEqual(problems, []);
    // An inline script is refused (and reported: the watch above sees violations).
    await page.goto(`${net.url}/login`);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    const ran = await page.evaluate(`(() => {
        const script = document.createElement('script');
        script.textContent = 'window.inlineRan = true';
        document.body.appendChild(script);
        return window.inlineRan === true;
      })()`);
    assert.equal(ran, false, 'an inline script ran');
    await page.waitForTimeout(100);
    assert.ok(
      problems.some((p) => /Content Security Policy/.test(p)),
      'the refused inline script was reported',
    );
  });
});

describe('web app on the server', () => {
  let net: TestNetwork;
  before(async () => {
    net = await startTestNetwork();
  });
  after(async () => {
    await net.close();
  });

  const get = (path: string, accept: string) => fetch(`${net.url}${path}`, { headers: { accept } });

  it('answers page loads with index.html, not cached without asking, under a CSP', async () => {
    for (const path of ['/', '/wallet', '/login?redirect=%2Fwallet', '/no/such/page']) {
      const response = await get(path, 'text/html,application/xhtml+xml');
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('cache-control'), 'no-cache');
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.match(await response.text(), /<div id="root">/);
    }
  });

  it('serves hashed assets as immutable for a year', async () => {
    const html = await (await get('/', 'text/html')).text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const response = await fetch(`${net.url}${asset}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  });

  it('never answers the API’s paths with the app', async () => {
    for (const path of [
      '/v1',
      '/v1/nowhere',
      '/openapi.json/x',
      '/docs/nowhere',
      '/metrics/x',
      '/healthz/x',
      '/readyz/x',
    ]) {
      const response = await get(path, 'text/html');
      assert.equal(response.status, 404, path);
      assert.match(response.headers.get('content-type') ?? '', /application\/problem\+json/, path);
    }
    // A path served with other methods keeps its 405.
    const login = await get('/v1/auth/login', 'text/html');
    assert.equal(login.status, 405);
  });

  it('answers only GET page loads: not JSON clients, not other methods', async () => {
    assert.equal((await get('/wallet', 'application/json')).status, 404);
    const post = await fetch(`${net.url}/wallet`, {
      method: 'POST',
      headers: { accept: 'text/html' },
    });
    assert.equal(post.status, 404);
  });
});

describe('demo logins for the login page', () => {
  it('lists them under eter demo, and none elsewhere', async () => {
    const dir = tempDir('eter-web-demo-');
    const config = loadConfig({ flags: { port: 0, dataDir: dir.path, logLevel: 'silent' } });
    const logins = [{ username: 'alice', role: 'customer' as const, sees: 'her points' }];
    const demo = await startLocalServer(config, { password: 'demo-password', logins });
    try {
      const answer = await fetch(`${demo.address}/v1/auth/demo-logins`);
      assert.equal(answer.status, 200);
      assert.deepEqual(await answer.json(), { password: 'demo-password', logins });
    } finally {
      await demo.close();
      dir.cleanup();
    }
    const net = await startTestNetwork();
    try {
      const answer = await fetch(`${net.url}/v1/auth/demo-logins`);
      assert.deepEqual(await answer.json(), { password: null, logins: [] });
    } finally {
      await net.close();
    }
  });
});
