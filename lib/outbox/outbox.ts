/**
 * The outbox: the one path from this device to the team hub. Events are stored first (see
 * lib/store/events.ts); this module sends the pending ones to a destination and marks them
 * delivered only for the ids the destination acknowledged. Delivery is at least once and the
 * hub deduplicates by idempotency key, so each event counts exactly once there, whatever
 * fails, times out or restarts in between.
 */
import type { TandemEvent } from '../model';
import {
  markDelivered,
  markFailed,
  pendingEvents,
  type StoredEvent,
  type TandemDb,
} from '../store';

/** An event can be withdrawn this long after it was made; it is not sent before. */
export const UNDO_WINDOW_MS = 10_000;

/** Where events go: the team hub's ingest endpoint (or a test double of it). */
export interface Destination {
  /**
   * Sends a batch; resolves with the ids the destination has stored (including ids it already
   * had). Throws when the batch as a whole failed.
   */
  deliver(events: TandemEvent[]): Promise<{ acknowledged: string[] }>;
}

export interface DeliveryResult {
  delivered: number;
  failed: number;
  /** Pending events still inside their undo window. */
  held: number;
}

/** The stored event without its outbox bookkeeping: what the hub receives. */
export function eventOf(stored: StoredEvent): TandemEvent {
  const {
    delivery: _delivery,
    attempts: _attempts,
    lastError: _lastError,
    deliveredAt: _deliveredAt,
    ...event
  } = stored;
  return event as TandemEvent;
}

/**
 * Sends every pending event older than the undo window, in batches, oldest first. A batch
 * that throws marks its events failed (they stay pending); ids missing from an acknowledgement
 * are failed the same way. Stops after the first failing batch: the next run retries.
 */
export async function deliverPending(
  db: TandemDb,
  destination: Destination,
  opts: { now: number; batchSize?: number; maxBatches?: number },
): Promise<DeliveryResult> {
  const batchSize = opts.batchSize ?? 100;
  const result: DeliveryResult = { delivered: 0, failed: 0, held: 0 };
  const tried = new Set<string>();
  for (let n = 0; n < (opts.maxBatches ?? 50); n++) {
    // Read the whole queue's next window: held events are skipped, not sent.
    const pending = await pendingEvents(db, batchSize + result.held + tried.size);
    const due = pending.filter((e) => !tried.has(e.id) && e.at + UNDO_WINDOW_MS <= opts.now);
    result.held = pending.filter((e) => e.at + UNDO_WINDOW_MS > opts.now).length;
    const batch = due.slice(0, batchSize);
    if (batch.length === 0) break;
    batch.forEach((e) => tried.add(e.id));
    let acknowledged: Set<string>;
    try {
      const reply = await destination.deliver(batch.map(eventOf));
      acknowledged = new Set(reply.acknowledged);
    } catch (e) {
      for (const event of batch) await markFailed(db, event.id, e);
      result.failed += batch.length;
      break;
    }
    const acked = batch.filter((e) => acknowledged.has(e.id)).map((e) => e.id);
    await markDelivered(db, acked, opts.now);
    result.delivered += acked.length;
    const missing = batch.filter((e) => !acknowledged.has(e.id));
    for (const event of missing) await markFailed(db, event.id, 'not acknowledged by the hub');
    result.failed += missing.length;
    if (missing.length) break;
  }
  return result;
}

/**
 * Wait before the next attempt after `failures` consecutive failed runs: 5 s doubling up to
 * 15 min, with up to 20% jitter so many browsers do not retry in step.
 */
export function backoffMs(failures: number, random: () => number = Math.random): number {
  if (failures <= 0) return 0;
  const base = Math.min(15 * 60_000, 5_000 * 2 ** Math.min(failures - 1, 20));
  return Math.round(base * (1 + 0.2 * random()));
}
