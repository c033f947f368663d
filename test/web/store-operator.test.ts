/**
 * The store, retailer and operator views in a real Chromium (as
 * app.test.ts: Debian's `chromium`, playwright-core, a real server on a
 * temporary ledger): a store's totals, tickets, live feed and a ticket's
 * proof; a retailer across its stores; the operator's registry with its
 * refusals by rule; not-found for what a login may not see; axe-core on
 * each view. Screenshots go to test-output/screenshots.
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
  watchForErrors,
} from './browser-harness';
import type { Browser, Page } from 'playwright-core';
import type { Ticket } from '../../src/format';
import { localIdentities, LOCAL_RETAILER_MSP } from '../../src/node/local-node';
import { buildTicket, gtin13 } from '../../src/sim/ticket-factory';
import { FABER_PREFIX, ids, startTestNetwork, type TestNetwork } from '../support/network';

/** A second store of the own retailer, so that the retailer sees tickets across two stores. */
const SISTER_STORE = 'store-003';

/** A ticket issued a minute ago (UTC: the browser runs in UTC too, so it is today's). */
function todayTicket(ticketId: string, storeId: string, ago = 60_000): Ticket {
  return buildTicket({
    ticketId,
    storeId,
    issuedAt: new Date(Date.now() - ago).toISOString().replace(/\.\d+Z$/, '+00:00'),
    customerId: ids.own.customer,
    lines: [
      { gtin: gtin13(FABER_PREFIX, 1), quantity: '2', unitPrice: '1.99', description: 'Pen' },
      { gtin: gtin13('21', 7), quantity: '0.535', unitPrice: '2.99', description: 'Apples' },
    ],
  });
}

describe('store, retailer and operator views in Chromium', { skip: skipWithoutChromium() }, () => {
  let net: TestNetwork;
  let browser: Browser;
  let sisterKey: string;
  /** Script errors and console errors (but the browser's own line for an HTTP error status). */
  const problems: string[] = [];

  const newPage = async (locale = 'en-GB') => {
    const ctx = await browser.newContext({
      locale,
      timezoneId: 'UTC',
      viewport: { width: 1200, height: 900 },
    });
    const p = await ctx.newPage();
    watchForErrors(p, problems);
    return p;
  };

  /** Opens `path`, logs in as `username` on the login it sends to, and waits to be back. */
  const logInAt = async (p: Page, path: string, username: string) => {
    await p.goto(`${net.url}${path}`);
    await p.waitForURL(/\/login\?redirect=/);
    await p.getByLabel('Username').fill(username);
    await p.getByLabel('Password').fill(PASSWORD);
    await p.getByRole('button', { name: 'Log in' }).click();
    await p.waitForURL(`${net.url}${path}`);
  };

  const record = async (ticket: Ticket, key: string) => {
    const answer = await net.request('POST', '/v1/tickets', { auth: key, body: ticket });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
  };

  before(async () => {
    screenshotFolder();
    net = await startTestNetwork();
    await net.server.client.registerStore(localIdentities.operator, {
      storeId: SISTER_STORE,
      name: 'Sister store',
      mspId: LOCAL_RETAILER_MSP,
      retailerId: ids.own.retailer,
    });
    sisterKey = net.server.keys.create(SISTER_STORE, 'pos-01').apiKey;
    for (const [username, role, subjectId] of [
      ['store1', 'store', ids.own.store],
      ['chain', 'retailer', ids.own.retailer],
      ['operator', 'operator', null],
    ] as const)
      await net.server.users.create({ username, password: PASSWORD, role, subjectId });
    // 19 earlier tickets and t-today-1 fill the first page (20): the live one goes on the second.
    const batch = await net.request('POST', '/v1/tickets:batch', {
      auth: net.apiKey,
      body: {
        tickets: Array.from({ length: 19 }, (_, i) =>
          todayTicket(`t-early-${String(i + 1).padStart(2, '0')}`, ids.own.store, 180_000),
        ),
      },
    });
    assert.equal(batch.status, 200, JSON.stringify(batch.body));
    await record(todayTicket('t-today-1', ids.own.store), net.apiKey);
    await record(todayTicket('t-sister-1', SISTER_STORE, 240_000), sisterKey);
    await record(
      todayTicket('t-elsewhere-1', ids.foreign.store),
      net.server.keys.create(ids.foreign.store, 'pos-09').apiKey,
    );
    await net.settled();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await net?.close();
  });

  describe('a store', () => {
    let page: Page;
    const path = `/stores/${ids.own.store}`;

    it("shows today's totals and its tickets", async () => {
      page = await newPage();
      await logInAt(page, path, 'store1');
      await page.getByRole('heading', { name: `Store ${ids.own.store}` }).waitFor();
      const totals = page.getByTestId('totals');
      await totals.getByRole('row').filter({ hasText: ids.own.store }).waitFor();
      const tickets = page.getByTestId('tickets');
      await tickets.getByRole('link', { name: 't-today-1' }).waitFor();
      assert.equal(await tickets.getByText('t-elsewhere-1').count(), 0);
      assert.equal(await tickets.getByText('t-sister-1').count(), 0);
      await page.getByText('Live: new tickets appear here as they are recorded.').waitFor();
      await screenshot(page, 'store-sales');
      await assertAccessible(page, "the store's sales");
    });

    it('shows a ticket posted by a till in the live feed, without a reload', async () => {
      await record(todayTicket('t-live-store-1', ids.own.store), net.apiKey);
      const feed = page.getByTestId('live-feed');
      await feed.getByRole('link', { name: 't-live-store-1' }).waitFor();
      // The list and the totals are fetched again behind it: 21 sales today, the new one on page 2.
      await page.getByTestId('totals').getByRole('cell', { name: '21', exact: true }).waitFor();
      await page.getByRole('button', { name: 'Next page' }).click();
      await page.getByText(/, page 2$/).waitFor();
      await page.getByTestId('tickets').getByRole('link', { name: 't-live-store-1' }).waitFor();
      assert.equal(await page.getByTestId('tickets').getByText('t-today-1').count(), 0);
      await page.getByRole('button', { name: 'Previous page' }).click();
      await page.getByTestId('tickets').getByRole('link', { name: 't-today-1' }).waitFor();
      await screenshot(page, 'store-live');
    });

    it("opens a ticket's detail with its proof", async () => {
      await page.getByTestId('tickets').getByRole('link', { name: 't-today-1' }).click();
      await page.getByRole('heading', { name: 'Ticket t-today-1' }).waitFor();
      await page.getByText(/Proof system: rfc6962/).waitFor();
      const download = page.getByRole('link', { name: 'Download the proof (JSON)' });
      assert.equal(
        await download.getAttribute('download'),
        `${ids.own.store}-t-today-1-proof.json`,
      );
      await page.getByText('Show the proof').click();
      const proof = JSON.parse((await page.getByTestId('proof').textContent()) ?? '') as {
        kind: string;
      };
      assert.equal(proof.kind, 'rfc6962');
      await page.getByRole('row').filter({ hasText: 'Apples' }).waitFor();
      await screenshot(page, 'store-ticket');
      await assertAccessible(page, "a ticket's detail");
    });

    it('searches a ticket by id; one that is not there is not found', async () => {
      await page.getByRole('link', { name: 'Back to the tickets' }).click();
      await page.getByLabel('Ticket id').fill('t-live-store-1');
      await page.getByRole('button', { name: 'Open' }).click();
      await page.getByRole('heading', { name: 'Ticket t-live-store-1' }).waitFor();
      await page.goBack();
      await page.getByLabel('Ticket id').fill('no-such-ticket');
      await page.getByRole('button', { name: 'Open' }).click();
      await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    });

    it("sees not-found for another store's pages", async () => {
      for (const other of [
        `/stores/${ids.foreign.store}`,
        `/stores/${ids.foreign.store}/tickets/t-elsewhere-1`,
        `/retailers/${ids.own.retailer}`,
        '/participants',
      ]) {
        await page.goto(`${net.url}${other}`);
        await page.getByRole('heading', { name: 'Page not found' }).waitFor();
        assert.equal(await page.getByText('t-elsewhere-1', { exact: true }).count(), 0, other);
      }
      await screenshot(page, 'store-not-found');
      await assertAccessible(page, 'not-found for a store');
    });

    it('speaks Spanish', async () => {
      await page.goto(`${net.url}${path}`);
      await page.getByRole('button', { name: 'Español' }).click();
      await page.getByRole('heading', { name: 'Totales de hoy' }).waitFor();
      await page.getByRole('columnheader', { name: 'Emitido' }).waitFor();
      await screenshot(page, 'store-sales-es');
      await assertAccessible(page, "the store's sales in Spanish");
      await page.context().close();
    });
  });

  it('shows a retailer the tickets and totals of all its stores', async () => {
    const page = await newPage();
    const path = `/retailers/${ids.own.retailer}`;
    await logInAt(page, path, 'chain');
    await page.getByRole('heading', { name: `Retailer ${ids.own.retailer}` }).waitFor();
    const tickets = page.getByTestId('tickets');
    await tickets.getByRole('link', { name: 't-sister-1' }).waitFor();
    await tickets.getByRole('link', { name: 't-early-01' }).waitFor();
    assert.equal(await tickets.getByText('t-elsewhere-1').count(), 0);
    const totals = page.getByTestId('totals');
    await totals.getByRole('row').filter({ hasText: SISTER_STORE }).waitFor();
    await totals.getByRole('row').filter({ hasText: ids.own.store }).waitFor();
    await page.getByText('Live: new tickets appear here as they are recorded.').waitFor();
    await record(todayTicket('t-live-sister-1', SISTER_STORE), sisterKey);
    await page.getByTestId('live-feed').getByRole('link', { name: 't-live-sister-1' }).waitFor();
    await screenshot(page, 'retailer-sales');
    await assertAccessible(page, "the retailer's sales");
    // A retailer opens its stores' tickets by store and id.
    await page.getByLabel('Store id').fill(SISTER_STORE);
    await page.getByLabel('Ticket id').fill('t-sister-1');
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByRole('heading', { name: 'Ticket t-sister-1' }).waitFor();
    await page.goto(`${net.url}/stores/${ids.foreign.store}/tickets/t-elsewhere-1`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    // Its stores' own pages too, and not another retailer's store.
    await page.goto(`${net.url}/stores/${SISTER_STORE}`);
    await page.getByRole('heading', { name: `Store ${SISTER_STORE}` }).waitFor();
    await page.getByRole('heading', { name: "Today's totals" }).waitFor();
    await page.goto(`${net.url}/stores/${ids.foreign.store}`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.context().close();
  });

  it('lets the operator list, register and suspend, and shows refusals by rule', async () => {
    const page = await newPage();
    await logInAt(page, '/participants', 'operator');
    await page.getByRole('heading', { name: 'Participants', exact: true }).waitFor();
    const chain = page.getByTestId(`retailer-${ids.own.retailer}`);
    await chain.getByRole('rowheader', { name: ids.own.store }).waitFor();
    await chain.getByRole('rowheader', { name: SISTER_STORE }).waitFor();
    await page.getByTestId(`participant-${ids.own.manufacturer}`).getByText(FABER_PREFIX).waitFor();
    await screenshot(page, 'operator-participants');
    await assertAccessible(page, 'the participants');

    // Register a store of the own retailer.
    await page.getByText('Register a store').click();
    const storeForm = page.getByRole('form', { name: 'Register a store' });
    await storeForm.getByLabel('Id', { exact: true }).fill('store-009');
    await storeForm.getByLabel('Name', { exact: true }).fill('New store');
    await storeForm.getByLabel(/Retailer id/).fill(ids.own.retailer);
    await storeForm.getByRole('button', { name: 'Register' }).click();
    await storeForm.getByRole('status').filter({ hasText: 'Registered on the ledger' }).waitFor();
    const row = page.getByTestId('participant-store-009');
    await row.getByText('active').waitFor();

    // Suspend it.
    await row.getByRole('button', { name: 'Suspend store-009' }).click();
    await row.getByText('suspended').waitFor();
    await row.getByRole('button', { name: 'Reinstate store-009' }).waitFor();

    // The same id again: refused (409).
    await storeForm.getByRole('button', { name: 'Register' }).click();
    await storeForm
      .getByRole('alert')
      .filter({ hasText: 'Refused: This id is already registered.' })
      .waitFor();

    // A manufacturer claiming Faber's prefix: refused by the contract's rule.
    await page.getByText('Register a manufacturer').click();
    const mfrForm = page.getByRole('form', { name: 'Register a manufacturer' });
    await mfrForm.getByLabel('Id', { exact: true }).fill('mfr-copycat');
    await mfrForm.getByLabel('Name', { exact: true }).fill('Copycat');
    await mfrForm.getByLabel(/GS1 prefixes/).fill(`${FABER_PREFIX}1`);
    await mfrForm.getByRole('button', { name: 'Register' }).click();
    await mfrForm
      .getByRole('alert')
      .filter({ hasText: 'The product prefix belongs to another manufacturer.' })
      .waitFor();
    await screenshot(page, 'operator-refusals');
    await assertAccessible(page, 'the participants with refusals');

    // In Spanish, the rule's own words.
    await page.getByRole('button', { name: 'Español' }).click();
    const mfrFormEs = page.getByRole('form', { name: 'Dar de alta un fabricante' });
    await mfrFormEs.getByRole('button', { name: 'Dar de alta' }).click();
    await mfrFormEs
      .getByRole('alert')
      .filter({ hasText: 'El prefijo de producto es de otro fabricante.' })
      .waitFor();
    await page.context().close();
  });

  it('met no script error and no console error', () => {
    assert.deepEqual(problems, []);
  });
});
