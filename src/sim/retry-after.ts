/** How long to wait when a 503 names no usable `Retry-After`. */
export const DEFAULT_RETRY_AFTER_MS = 1000;
/** The longest wait a `Retry-After` may ask for: beyond it, the client waits this long. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * The wait a `Retry-After` header asks for (RFC 9110 §10.2.3): either
 * delay-seconds or an HTTP date. A missing or malformed header gets the
 * default; a date in the past means now; any wait is capped, so that a
 * misconfigured server cannot park a client for hours.
 */
export function retryAfterMs(
  header: string | null | undefined,
  nowMs = Date.now(),
  fallbackMs = DEFAULT_RETRY_AFTER_MS,
): number {
  const value = header?.trim() ?? '';
  let ms: number;
  if (/^\d+$/.test(value)) ms = Number(value) * 1000;
  // HTTP dates end in GMT; Date.parse alone would take "1.5" for a date.
  else if (/ GMT$/.test(value) && !Number.isNaN(Date.parse(value))) ms = Date.parse(value) - nowMs;
  else ms = fallbackMs;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}
