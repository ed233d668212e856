import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TandemEvent } from '../../lib/model';
import {
  addEvent,
  assetRatings,
  countAll,
  listEvents,
  markDelivered,
  markFailed,
  openTandemDb,
  pendingEvents,
  type TandemDb,
} from '../../lib/store';
import { HOUR, T0, eventId, feedback, usage } from './fixtures';

let db: TandemDb;
beforeEach(async () => {
  db = await openTandemDb();
});
afterEach(() => db.close());

describe('addEvent', () => {
  it('stores an event once, however often it is added', async () => {
    const event = feedback(1, 'a1', 'useful');
    expect(await addEvent(db, event, 'pending')).toBe('added');
    expect(await addEvent(db, event, 'pending')).toBe('duplicate');
    // A retry with another payload or delivery does not overwrite the first copy.
    expect(await addEvent(db, feedback(1, 'a1', 'outdated'), 'local')).toBe('duplicate');
    expect(await listEvents(db)).toEqual([{ ...event, delivery: 'pending', attempts: 0 }]);
  });

  it('is idempotent for concurrent adds of one id', async () => {
    const event = usage(2, 'a1');
    const results = await Promise.all([1, 2, 3].map(() => addEvent(db, event, 'pending')));
    expect(results.sort()).toEqual(['added', 'duplicate', 'duplicate']);
    expect((await countAll(db)).events).toBe(1);
  });

  it('stores any sequence of adds with repeated ids once per id (property)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat({ max: 5 }), { maxLength: 25 }),
        fc.boolean(),
        async (picks, concurrent) => {
          const runDb = await openTandemDb(`prop-${run++}`);
          try {
            // Same id, different payload at each occurrence: the first one must be the one kept.
            const events = picks.map((n, i) =>
              feedback(n + 1, `asset-${i}`, i % 2 ? 'useful' : 'outdated'),
            );
            const results = concurrent
              ? await Promise.all(events.map((e) => addEvent(runDb, e, 'pending')))
              : await sequential(events, (e) => addEvent(runDb, e, 'pending'));

            const unique = new Set(picks);
            expect(results.filter((r) => r === 'added')).toHaveLength(unique.size);
            const stored = await listEvents(runDb);
            expect(stored.map((e) => e.id).sort()).toEqual(
              [...unique].map((n) => eventId(n + 1)).sort(),
            );
            if (!concurrent) {
              expect(results).toEqual(
                picks.map((n, i) => (picks.indexOf(n) === i ? 'added' : 'duplicate')),
              );
              for (const e of stored) {
                const first = events.find((x) => x.id === e.id)!;
                expect(e).toEqual({ ...first, delivery: 'pending', attempts: 0 });
              }
            }
          } finally {
            runDb.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

async function sequential<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await fn(item));
  return out;
}

describe('listEvents', () => {
  beforeEach(async () => {
    const events: TandemEvent[] = [
      feedback(3, 'a1', 'useful', { leadKey: 'ada' }),
      usage(1, 'a2', { leadKey: 'jose' }),
      feedback(2, 'a2', 'outdated', { leadKey: 'jose' }),
      usage(4, 'a1', { leadKey: 'ada' }),
    ];
    for (const e of events) await addEvent(db, e, 'local');
  });
  const ids = (events: { id: string }[]) => events.map((e) => e.id);

  it('lists all events oldest first', async () => {
    expect(ids(await listEvents(db))).toEqual([1, 2, 3, 4].map(eventId));
  });

  it('filters by time window (inclusive)', async () => {
    expect(ids(await listEvents(db, { since: T0 + 2 * HOUR, until: T0 + 3 * HOUR }))).toEqual([
      eventId(2),
      eventId(3),
    ]);
    expect(await listEvents(db, { since: T0 + 9 * HOUR })).toEqual([]);
  });

  it('filters by kind and lead, combined with time', async () => {
    expect(ids(await listEvents(db, { kind: 'content_feedback' }))).toEqual([
      eventId(2),
      eventId(3),
    ]);
    expect(ids(await listEvents(db, { kind: 'asset_usage', since: T0 + 2 * HOUR }))).toEqual([
      eventId(4),
    ]);
    expect(ids(await listEvents(db, { leadKey: 'ada' }))).toEqual([eventId(3), eventId(4)]);
    expect(ids(await listEvents(db, { kind: 'asset_usage', leadKey: 'jose' }))).toEqual([
      eventId(1),
    ]);
    expect(await listEvents(db, { kind: 'lead_verdict' })).toEqual([]);
  });
});

describe('outbox delivery', () => {
  it('lists pending events oldest first, up to a limit; local ones are never pending', async () => {
    await addEvent(db, usage(3, 'a1'), 'pending');
    await addEvent(db, usage(1, 'a1'), 'pending');
    await addEvent(db, usage(2, 'a1'), 'local');
    await addEvent(db, usage(4, 'a1'), 'pending');
    expect((await pendingEvents(db, 10)).map((e) => e.id)).toEqual([1, 3, 4].map(eventId));
    expect((await pendingEvents(db, 2)).map((e) => e.id)).toEqual([1, 3].map(eventId));
  });

  it('markFailed counts attempts and keeps the event pending', async () => {
    await addEvent(db, usage(1, 'a1'), 'pending');
    await markFailed(db, eventId(1), new Error('hub unreachable'));
    await markFailed(db, eventId(1), 'HTTP 503');
    const [event] = await pendingEvents(db, 10);
    expect(event).toMatchObject({ delivery: 'pending', attempts: 2, lastError: 'HTTP 503' });
    // Unknown ids and events that are not pending are left alone.
    await markFailed(db, eventId(99), 'x');
    await addEvent(db, usage(2, 'a1'), 'local');
    await markFailed(db, eventId(2), 'x');
    expect((await listEvents(db)).find((e) => e.id === eventId(2))).toMatchObject({
      delivery: 'local',
      attempts: 0,
    });
  });

  it('markDelivered takes events out of the pending queue', async () => {
    for (const n of [1, 2, 3]) await addEvent(db, usage(n, 'a1'), 'pending');
    await markFailed(db, eventId(1), 'timeout');
    await markDelivered(db, [eventId(1), eventId(3), eventId(42)], T0 + 10 * HOUR);

    expect((await pendingEvents(db, 10)).map((e) => e.id)).toEqual([eventId(2)]);
    const delivered = (await listEvents(db)).filter((e) => e.delivery === 'delivered');
    expect(delivered.map((e) => e.id)).toEqual([eventId(1), eventId(3)]);
    expect(delivered[0]).toEqual({
      ...usage(1, 'a1'),
      delivery: 'delivered',
      attempts: 1,
      deliveredAt: T0 + 10 * HOUR,
    });
    expect((await countAll(db)).events).toBe(3);
    await markDelivered(db, [], T0); // no-op
  });
});

describe('assetRatings', () => {
  it('counts useful and total content feedback per asset', async () => {
    const events = [
      feedback(1, 'a1', 'useful'),
      feedback(2, 'a1', 'useful'),
      feedback(3, 'a1', 'outdated'),
      feedback(4, 'a2', 'not_relevant'),
      feedback(5, 'a2', 'missing_info'),
      feedback(6, 'a3', 'useful'),
      usage(7, 'a1'), // usage is not a rating
    ];
    for (const [i, e] of events.entries()) await addEvent(db, e, i % 2 ? 'local' : 'pending');
    await addEvent(db, feedback(1, 'a1', 'useful'), 'pending'); // a duplicate counts once

    expect(await assetRatings(db)).toEqual(
      new Map([
        ['a1', { useful: 2, total: 3 }],
        ['a2', { useful: 0, total: 2 }],
        ['a3', { useful: 1, total: 1 }],
      ]),
    );
  });

  it('is empty without feedback', async () => {
    expect((await assetRatings(db)).size).toBe(0);
  });
});
