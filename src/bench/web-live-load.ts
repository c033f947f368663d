/**
 * The live load `bench:web` puts on the dashboard: the page's real sales
 * stream (the demo's tills) topped up, inside the page, with synthetic
 * sales, so that the live chart holds `prefill` points and takes
 * `perSecond` more a second whatever the demo's share of a manufacturer's
 * sales happens to be. The real `EventSource` stays: its events arrive too,
 * parsed by the same code.
 *
 * Plain JavaScript, run by the page before the app loads (this project's
 * Node build has no DOM types to check browser code against).
 */

/** What the script is told. */
export interface LiveLoad {
  /** Synthetic sales sent at once when the stream opens (the chart's buffer keeps 10,000). */
  readonly prefill: number;
  /** Synthetic sales a second after the prefill, one every 1000/perSecond ms. */
  readonly perSecond: number;
  /** A GTIN of the logged-in manufacturer's, so the sales are its own. */
  readonly gtin: string;
}

/** The init script; `window.__syntheticSales` counts what it sent. */
export function liveLoadScript(load: LiveLoad): string {
  return `(() => {
  const load = ${JSON.stringify(load)};
  const Real = window.EventSource;
  window.__syntheticSales = 0;
  let seq = 1e9;
  const sale = () => {
    seq += 1;
    window.__syntheticSales += 1;
    return { data: JSON.stringify({
      seq, storeId: 'store-bench', issuedAt: new Date().toISOString(), type: 'sale',
      currency: 'EUR', blockNumber: seq,
      lines: [{ lineNo: 1, gtin: load.gtin, description: 'Bench ' + seq,
                quantity: '1', amount: (seq % 50) + '.25' }],
    }) };
  };
  window.EventSource = class extends Real {
    constructor(url, init) {
      super(url, init);
      if (!String(url).includes('/stream/sales')) return;
      const listeners = [];
      const add = this.addEventListener.bind(this);
      this.addEventListener = (type, fn, options) => {
        add(type, fn, options);
        if (type === 'sale') listeners.push(fn);
      };
      const send = (n) => {
        for (let i = 0; i < n; i++) { const e = sale(); for (const fn of listeners) fn(e); }
      };
      add('open', () => {
        if (window.__syntheticStarted) return;
        window.__syntheticStarted = true;
        for (let burst = 0; burst < 10; burst++) setTimeout(() => send(load.prefill / 10), burst * 20);
        setTimeout(() => setInterval(() => send(1), 1000 / load.perSecond), 400);
      });
    }
  };
})()`;
}
