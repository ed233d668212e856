/**
 * The outbox: every event a rep produces (feedback, verdicts, insights, asset usage) is stored
 * here first, keyed by its idempotency key, and sent to the team hub from here when one is set.
 */
import type { TandemEvent } from '../model';
import { inWriteTx, writer } from './bulk';
import { toStoredEvent } from './normalize';
import type { StoredEvent, TandemDb } from './schema';

/**
 * Stores an event once: adding an id that is already stored changes nothing and returns
 * `'duplicate'` (a retried message, a double click). `pending` queues it for the hub; `local`
 * keeps it on this device only.
 */
export async function addEvent(
  db: TandemDb,
  event: TandemEvent,
  delivery: 'pending' | 'local',
): Promise<'added' | 'duplicate'> {
  const tx = db.transaction(['events', 'meta'], 'readwrite');
  return inWriteTx(tx, async () => {
    // Check and write in one readwrite transaction: concurrent adds of one id are serialized.
    if ((await tx.objectStore('events').getKey(event.id)) !== undefined)
      return 'duplicate' as const;
    writer(tx, 'events').add(toStoredEvent(event, delivery));
    const revision = ((await tx.objectStore('meta').get('eventsRevision')) as number) ?? 0;
    writer(tx, 'meta').put(revision + 1, 'eventsRevision');
    return 'added' as const;
  });
}

export interface EventQuery {
  kind?: TandemEvent['kind'];
  leadKey?: string;
  /** Inclusive bounds on `at`, epoch ms. */
  since?: number;
  until?: number;
}

/** Stored events matching every given filter, oldest first. */
export async function listEvents(db: TandemDb, opts: EventQuery = {}): Promise<StoredEvent[]> {
  const since = opts.since ?? -Infinity;
  const until = opts.until ?? Infinity;
  if (since > until) return [];
  let events: StoredEvent[];
  if (opts.kind !== undefined) {
    events = await db.getAllFromIndex('events', 'by-kind', opts.kind);
  } else if (opts.leadKey !== undefined) {
    events = await db.getAllFromIndex('events', 'by-lead', opts.leadKey);
  } else {
    // Already in time order.
    return db.getAllFromIndex('events', 'by-time', IDBKeyRange.bound(since, until));
  }
  return events
    .filter(
      (e) =>
        e.at >= since &&
        e.at <= until &&
        (opts.leadKey === undefined || e.leadKey === opts.leadKey),
    )
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Events waiting for the hub, oldest first (ids are UUID v7, so key order is creation order). */
export function pendingEvents(db: TandemDb, limit = 100): Promise<StoredEvent[]> {
  return db.getAllFromIndex('events', 'by-delivery', 'pending', limit);
}

/** Marks events the hub acknowledged; ids that are not stored are ignored. */
export async function markDelivered(db: TandemDb, ids: string[], at: number): Promise<void> {
  if (ids.length === 0) return;
  const tx = db.transaction('events', 'readwrite');
  await inWriteTx(tx, async () => {
    const found = await Promise.all(ids.map((id) => tx.store.get(id)));
    const events = writer(tx, 'events');
    for (const event of found) {
      if (!event) continue;
      const { lastError: _lastError, ...rest } = event;
      events.put({ ...rest, delivery: 'delivered', deliveredAt: at });
    }
  });
}

/** Records a failed delivery attempt of a pending event; it stays pending for the next sync. */
export async function markFailed(db: TandemDb, id: string, error: unknown): Promise<void> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
  const tx = db.transaction('events', 'readwrite');
  await inWriteTx(tx, async () => {
    const event = await tx.store.get(id);
    if (!event || event.delivery !== 'pending') return;
    writer(tx, 'events').put({ ...event, attempts: event.attempts + 1, lastError: message });
  });
}

/**
 * Content feedback per asset id: `useful` counts "useful" ratings, `total` every rating.
 * Feeds the recommender's "well rated" / "poorly rated" reasons.
 */
export async function assetRatings(
  db: TandemDb,
): Promise<Map<string, { useful: number; total: number }>> {
  const feedback = await db.getAllFromIndex('events', 'by-kind', 'content_feedback');
  const ratings = new Map<string, { useful: number; total: number }>();
  for (const event of feedback) {
    if (event.kind !== 'content_feedback') continue;
    const entry = ratings.get(event.assetId) ?? { useful: 0, total: 0 };
    entry.total += 1;
    if (event.rating === 'useful') entry.useful += 1;
    ratings.set(event.assetId, entry);
  }
  return ratings;
}

/**
 * Withdraws an event the rep undid. Delivered events stay (the hub has counted them); returns
 * whether the event was removed.
 */
export async function removeEvent(db: TandemDb, id: string): Promise<boolean> {
  const tx = db.transaction(['events', 'meta'], 'readwrite');
  return inWriteTx(tx, async () => {
    const event = await tx.objectStore('events').get(id);
    if (!event || event.delivery === 'delivered') return false;
    writer(tx, 'events').delete(id);
    const revision = ((await tx.objectStore('meta').get('eventsRevision')) as number) ?? 0;
    writer(tx, 'meta').put(revision + 1, 'eventsRevision');
    return true;
  });
}

export interface OutboxCounts {
  pending: number;
  delivered: number;
  local: number;
  /** Pending events whose last delivery attempt failed. */
  failing: number;
  /** The error of the most recent failing event. */
  lastError?: string;
}

/** How many events are in each outbox state (one read transaction). */
export async function outboxCounts(db: TandemDb): Promise<OutboxCounts> {
  const tx = db.transaction('events', 'readonly');
  const index = tx.store.index('by-delivery');
  const [pending, delivered, local] = await Promise.all([
    index.getAll('pending'),
    index.count('delivered'),
    index.count('local'),
  ]);
  const failing = pending.filter((e) => e.attempts > 0);
  const lastError = failing.reduce<StoredEvent | undefined>(
    (latest, e) => (!latest || e.id > latest.id ? e : latest),
    undefined,
  )?.lastError;
  return {
    pending: pending.length,
    delivered,
    local,
    failing: failing.length,
    ...(lastError ? { lastError } : {}),
  };
}

/**
 * Assets a rep copied or sent for a lead, most recent first, each once: the default choices
 * when the rep gives feedback on content.
 */
export async function recentAssetsForLead(
  db: TandemDb,
  leadKey: string,
  repEmail: string | undefined,
): Promise<string[]> {
  const events = await db.getAllFromIndex('events', 'by-lead', leadKey);
  const email = repEmail?.trim().toLowerCase();
  const used = events
    .filter(
      (e): e is StoredEvent & { kind: 'asset_usage' } =>
        e.kind === 'asset_usage' &&
        (e.action === 'copied' || e.action === 'sent') &&
        (email === undefined || e.rep.email.toLowerCase() === email),
    )
    .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
  return [...new Set(used.map((e) => e.assetId))];
}
