/**
 * How smooth a page stays while it works: recorded inside the page, the
 * interval between successive `requestAnimationFrame` callbacks (every
 * frame the browser produced) and the long animation frames Chromium
 * reports (the Long Animation Frames API lists frames over 50 ms, with
 * what blocked them).
 */
import type { Page } from 'playwright-core';

/** What a recording saw. */
export interface FrameRecording {
  /** Milliseconds between successive animation frames. */
  readonly intervals: number[];
  /** Durations of the long animation frames, ms (none: no frame over 50 ms). */
  readonly longFrames: number[];
  /** Whether this Chromium has the Long Animation Frames API. */
  readonly longFramesSupported: boolean;
}

/**
 * The recorder, as the page runs it: text, because this project's Node
 * build has no DOM types to check browser code against.
 */
const RECORDER = `async (ms) => {
  const intervals = [];
  const longFrames = [];
  const supported = PerformanceObserver.supportedEntryTypes.includes('long-animation-frame');
  const observer = supported
    ? new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longFrames.push(entry.duration);
      })
    : undefined;
  observer?.observe({ type: 'long-animation-frame', buffered: false });
  await new Promise((resolve) => {
    const end = performance.now() + ms;
    let last;
    const tick = (now) => {
      if (last !== undefined) intervals.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(tick);
      else resolve();
    };
    requestAnimationFrame(tick);
  });
  observer?.disconnect();
  return { intervals, longFrames, longFramesSupported: supported };
}`;

/** Records for `seconds` in `page`, then resolves with what it saw. */
export async function recordFrames(page: Page, seconds: number): Promise<FrameRecording> {
  return (await page.evaluate(`(${RECORDER})(${seconds * 1000})`)) as FrameRecording;
}
