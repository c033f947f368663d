/**
 * Scripts run inside the page by the dashboard's load test (plain JS: the
 * tests compile without the DOM's types). `FAKE_SALES_STREAM` replaces
 * `EventSource` before the app loads: 10,050 sales in ten bursts, then one
 * every 50 ms (20 a second) up to 10,080. `FRAME_COUNTER` counts animation
 * frames, the longest gap between two, and the live chart's redraws (each
 * sets its `data-points` attribute once).
 */
export const LAST_SALE = 10_080;

export const FAKE_SALES_STREAM = `
window.__sent = 0;
class FakeSource {
  static CLOSED = 2;
  readyState = 1;
  listeners = new Map();
  constructor() {
    let seq = 0;
    const send = (n) => {
      for (let i = 0; i < n; i++) {
        seq += 1;
        const data = JSON.stringify({
          seq, storeId: 'store-bench', issuedAt: new Date().toISOString(), type: 'sale',
          currency: 'EUR', blockNumber: seq,
          lines: [{ lineNo: 1, gtin: '4006380000018', description: 'Bench ' + seq,
                    quantity: '1', amount: (seq % 50) + '.25' }],
        });
        for (const fn of this.listeners.get('sale') ?? []) fn({ data });
      }
      window.__sent = seq;
    };
    setTimeout(() => {
      for (const fn of this.listeners.get('open') ?? []) fn({});
      for (let burst = 0; burst < 10; burst++) setTimeout(() => send(1005), burst * 20);
      setTimeout(() => {
        const timer = setInterval(() => (seq < ${LAST_SALE} ? send(1) : clearInterval(timer)), 50);
      }, 400);
    }, 0);
  }
  addEventListener(type, fn) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  close() {
    this.readyState = 2;
  }
}
window.EventSource = FakeSource;
`;

export const FRAME_COUNTER = `(() => {
  window.__frames = 0;
  window.__draws = 0;
  window.__maxGap = 0;
  let last = performance.now();
  const tick = (now) => {
    window.__frames += 1;
    window.__maxGap = Math.max(window.__maxGap, now - last);
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  new MutationObserver((records) => {
    window.__draws += records.filter((r) => r.attributeName === 'data-points').length;
  }).observe(document.body, { attributes: true, subtree: true });
})()`;

export const FRAME_STATS =
  '({ sent: window.__sent, frames: window.__frames, draws: window.__draws, maxGap: window.__maxGap })';
