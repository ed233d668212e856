import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TandemEvent } from '../../lib/model';
import {
  backoffMs,
  deliverPending,
  UNDO_WINDOW_MS,
  type Destination,
} from '../../lib/outbox/outbox';
import { addEvent, listEvents, openTandemDb, removeEvent, type TandemDb } from '../../lib/store';
import { feedback, T0 } from '../store/fixtures';

type Mode = 'ok' | 'fail' | 'lost_ack' | 'partial';

/** The hub as the outbox sees it: stores by idempotency key, so a resent event counts once. */
class FakeHub implements Destination {
  stored = new Map<string, TandemEvent>();
  /** Every event received, resends included. */
  received = 0;
  mode: Mode = 'ok';
  async deliver(events: TandemEvent[]) {
    if (this.mode === 'fail') throw new Error('hub unreachable');
    const taken = this.mode === 'partial' ? events.slice(0, Math.ceil(events.length / 2)) : events;
    for (const e of taken) {
      this.received++;
      if (!this.stored.has(e.id)) this.stored.set(e.id, e);
    }
    if (this.mode === 'lost_ack') throw new Error('connection reset before the reply');
    return { acknowledged: taken.map((e) => e.id) };
  }
}

const event = (n: number, at: number) => feedback(n, 'a1', 'useful', { at });

describe('deliverPending', () => {
  it('holds events inside their undo window and sends the rest', async () => {
    const db = await openTandemDb('outbox-hold');
    const hub = new FakeHub();
    await addEvent(db, event(1, T0), 'pending');
    await addEvent(db, event(2, T0 + 5_000), 'pending');
    await addEvent(db, event(3, T0), 'local');
    const result = await deliverPending(db, hub, { now: T0 + UNDO_WINDOW_MS });
    expect(result).toEqual({ delivered: 1, failed: 0, held: 1 });
    expect([...hub.stored.keys()]).toEqual([event(1, T0).id]);
    const byId = new Map((await listEvents(db)).map((e) => [e.id, e]));
    expect(byId.get(event(1, T0).id)).toMatchObject({
      delivery: 'delivered',
      deliveredAt: T0 + UNDO_WINDOW_MS,
    });
    expect(byId.get(event(2, T0).id)?.delivery).toBe('pending');
    expect(byId.get(event(3, T0).id)?.delivery).toBe('local'); // local events never leave
  });

  it('keeps failed and unacknowledged events pending with their error, in batches', async () => {
    const db = await openTandemDb('outbox-fail');
    const hub = new FakeHub();
    for (let n = 1; n <= 5; n++) await addEvent(db, event(n, T0), 'pending');
    hub.mode = 'fail';
    expect(await deliverPending(db, hub, { now: T0 + 60_000, batchSize: 2 })).toEqual({
      delivered: 0,
      failed: 2,
      held: 0,
    });
    const failed = (await listEvents(db)).filter((e) => e.attempts > 0);
    expect(failed.map((e) => e.lastError)).toEqual(['hub unreachable', 'hub unreachable']);
    hub.mode = 'partial';
    const partial = await deliverPending(db, hub, { now: T0 + 60_000, batchSize: 2 });
    expect(partial).toEqual({ delivered: 1, failed: 1, held: 0 });
    hub.mode = 'ok';
    const rest = await deliverPending(db, hub, { now: T0 + 60_000, batchSize: 2 });
    expect(rest.delivered).toBe(4);
    expect((await listEvents(db)).every((e) => e.delivery === 'delivered')).toBe(true);
    expect(hub.stored.size).toBe(5);
  });

  it('backs off exponentially with bounded jitter', () => {
    expect(backoffMs(0)).toBe(0);
    expect(backoffMs(1, () => 0)).toBe(5_000);
    expect(backoffMs(3, () => 0)).toBe(20_000);
    expect(backoffMs(3, () => 1)).toBe(24_000);
    expect(backoffMs(50, () => 0)).toBe(15 * 60_000);
  });
});

type Op =
  | { op: 'enqueue' }
  | { op: 'advance'; ms: number }
  | { op: 'deliver'; mode: Mode }
  | { op: 'restart' }
  | { op: 'undo'; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ op: 'enqueue' as const }) },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(0, 1_000, 6_000, 11_000)
      .map((ms) => ({ op: 'advance' as const, ms })),
  },
  {
    weight: 4,
    arbitrary: fc
      .constantFrom<Mode>('ok', 'fail', 'lost_ack', 'partial')
      .map((mode) => ({ op: 'deliver' as const, mode })),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'restart' as const }) },
  { weight: 2, arbitrary: fc.nat(50).map((pick) => ({ op: 'undo' as const, pick })) },
);

describe('the outbox under any interleaving', () => {
  it('delivers each event that was not undone exactly once, and never an undone one', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 50 }), async (ops) => {
        const name = `outbox-prop-${run++}`;
        let db: TandemDb = await openTandemDb(name);
        const hub = new FakeHub();
        let now = T0;
        let n = 0;
        const made: TandemEvent[] = [];
        const undone = new Set<string>();
        for (const step of ops) {
          if (step.op === 'enqueue') {
            const e = event(++n, now);
            made.push(e);
            await addEvent(db, e, 'pending');
          } else if (step.op === 'advance') {
            now += step.ms;
          } else if (step.op === 'deliver') {
            hub.mode = step.mode;
            await deliverPending(db, hub, { now, batchSize: 3 });
          } else if (step.op === 'restart') {
            // The service worker is killed: only what is in IndexedDB survives.
            db.close();
            db = await openTandemDb(name);
          } else if (made.length) {
            const e = made[step.pick % made.length]!;
            // What the undoEvent handler allows: inside the window only.
            if (now <= e.at + UNDO_WINDOW_MS && (await removeEvent(db, e.id))) undone.add(e.id);
          }
          // Nothing is ever marked delivered that the hub does not hold.
          for (const stored of await listEvents(db)) {
            if (stored.delivery === 'delivered') expect(hub.stored.has(stored.id)).toBe(true);
          }
        }
        // Time passes and the hub comes back: everything left drains.
        hub.mode = 'ok';
        now += UNDO_WINDOW_MS;
        for (let i = 0; i < 20; i++) {
          if ((await deliverPending(db, hub, { now, batchSize: 3 })).delivered === 0) break;
        }
        const expected = made.filter((e) => !undone.has(e.id)).map((e) => e.id);
        expect([...hub.stored.keys()].sort()).toEqual([...expected].sort());
        const stored = await listEvents(db);
        expect(stored.map((e) => e.id).sort()).toEqual([...expected].sort());
        expect(stored.every((e) => e.delivery === 'delivered')).toBe(true);
        db.close();
      }),
      { numRuns: 250 },
    );
  });
});
