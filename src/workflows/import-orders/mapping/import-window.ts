/**
 * Which slice of Amazon's order history one import run reads.
 * - The run asks for orders with lastUpdated after (watermark − OVERLAP) and leaves lastUpdatedBefore to Amazon:
 *   Amazon then serves everything up to two minutes before the request BY ITS OWN CLOCK and says where it stopped
 *   (`lastUpdatedBefore` in the answer). That value becomes the next watermark, so our server's clock can be off
 *   without losing orders or being refused for asking about the last two minutes.
 * - OVERLAP: Amazon's lastUpdated index is eventually consistent, so an order updated just before the previous
 *   run's end can appear late. Staging is an upsert, so reading an order twice is harmless.
 * - The first run (no watermark) looks back FIRST_RUN_LOOKBACK.
 */
export const AMAZON_FRESHNESS_DELAY_MS = 2 * 60 * 1000
export const OVERLAP_MS = 10 * 60 * 1000
export const FIRST_RUN_LOOKBACK_MS = 7 * 24 * 60 * 60 * 1000

export type ImportWindow = { lastUpdatedAfter: string }

export function importWindow(watermark: Date | string | null | undefined, now: Date): ImportWindow {
  // Amazon refuses lastUpdatedAfter within its last two minutes; a watermark that close (or in the future,
  // after a clock change) is pulled back to a safe start.
  const latestStart = now.getTime() - AMAZON_FRESHNESS_DELAY_MS - OVERLAP_MS
  const start = watermark ? new Date(watermark).getTime() - OVERLAP_MS : now.getTime() - FIRST_RUN_LOOKBACK_MS
  return { lastUpdatedAfter: new Date(Math.min(start, latestStart)).toISOString() }
}

/**
 * Where the window ended: what Amazon said, else (an answer without it) three minutes before we asked,
 * which is safely inside what Amazon serves.
 */
export function windowEnd(amazonLastUpdatedBefore: string | null, requestedAt: Date): Date {
  const told = amazonLastUpdatedBefore ? new Date(amazonLastUpdatedBefore) : null
  if (told && !Number.isNaN(told.getTime())) return told
  return new Date(requestedAt.getTime() - AMAZON_FRESHNESS_DELAY_MS - 60 * 1000)
}

/**
 * The watermark a finished run may store. It never moves past an order the run could neither store nor park
 * (so that order is read again next time), and never moves backwards.
 */
export function nextWatermark(input: {
  previous: Date | string | null | undefined
  end: Date
  /** lastUpdate times of orders that could not be stored; null when Amazon did not even say when. */
  unstoredLastUpdates: Array<string | null>
}): Date | null {
  const previous = input.previous ? new Date(input.previous) : null
  let candidate = input.end
  for (const lastUpdate of input.unstoredLastUpdates) {
    const time = lastUpdate ? new Date(lastUpdate).getTime() : NaN
    if (Number.isNaN(time)) return previous
    candidate = new Date(Math.min(candidate.getTime(), time - 1))
  }
  if (previous && candidate.getTime() <= previous.getTime()) return previous
  return candidate
}

/** A scheduled tick runs an account only when its interval has passed since its last import started. */
export function isImportDue(input: { intervalMinutes: number; lastStartedAt: Date | string | null | undefined; now: Date }): boolean {
  if (!input.lastStartedAt) return true
  const intervalMs = Math.max(1, input.intervalMinutes) * 60 * 1000
  // Ticks come every minute and a run takes a few seconds; 30 s of slack keeps a 5-minute interval at 5, not 6.
  return input.now.getTime() - new Date(input.lastStartedAt).getTime() >= intervalMs - 30 * 1000
}
