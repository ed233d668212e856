/**
 * Benchmark page, built only with TANDEM_BENCH=1. It runs in the extension's origin, so it sees
 * the same IndexedDB as the background, and talks to the background over the real protocol.
 * bench/*.ts drive it with page.evaluate.
 */
import { toSalesforceId18 } from '../../lib/crm/salesforce-id';
import { generateDemoWorkspace } from '../../lib/demo';
import { send } from '../../lib/messaging/client';
import { pack, SHARED_RECORDS, unpack } from '../../lib/messaging/pack';
import {
  RecordDecoder,
  RecordEncoder,
  StringDecoder,
  StringEncoder,
} from '../../lib/messaging/shared-strings';
import type { DetectedRecord, Lead, Touch } from '../../lib/model';
import { buildLeadContext } from '../../lib/context/lead-context';
import { computeScoreRanking } from '../../lib/context/ranking';
import { yieldToWaitingWork } from '../../lib/background/ranking';
import { openDB } from 'idb';
import { openTandemDb, putLeads, putTouches, replaceWorkspace } from '../../lib/store';
import { flattenPacks, leadPackRange } from '../../lib/store/packs';

const dbPromise = openTandemDb();
/** The two ends of one port's shared strings, for `wire`. */
const wireStrings = {
  encoder: new StringEncoder(),
  decoder: new StringDecoder(),
  records: new RecordEncoder(),
  kept: new RecordDecoder(),
};

/**
 * A reference database with one record per touch and an index by lead and time (the layout of
 * Tandem's store before schema v3), filled with the same touches: the lead-context bench's
 * baseline, a bare indexed read of a lead's touches.
 */
const ROW_DB = 'tandem-bench-touch-rows';
const rowDbPromise = openDB(ROW_DB, 1, {
  upgrade(db) {
    db.createObjectStore('touches', { keyPath: 'id' }).createIndex('by-lead-time', [
      'leadKey',
      'at',
    ]);
  },
});

function sfId(i: number): string {
  return toSalesforceId18(`00Q5g0000${String(i).padStart(6, '0')}`)!;
}

const api = {
  /**
   * Fills the store with `leads` leads and `touchesPerLead` touches each: the demo workspace's
   * definitions, with its leads' touch patterns replayed across the scaled-up leads.
   */
  async populate(leads: number, touchesPerLead: number): Promise<{ ms: number; touches: number }> {
    const t0 = performance.now();
    // The launcher has waited for the first-install seeding: it cannot overwrite this data.
    const now = Date.now();
    const demo = generateDemoWorkspace({ now });
    const db = await dbPromise;
    await replaceWorkspace(db, { ...demo, leads: [], touches: [], events: [] });
    const byLead = new Map<string, Touch[]>();
    for (const t of demo.touches) byLead.set(t.leadKey, [...(byLead.get(t.leadKey) ?? []), t]);
    const patterns = [...byLead.values()].filter((ts) => ts.length > 0);
    let written = 0;
    const BATCH = 200; // leads per transaction
    for (let start = 0; start < leads; start += BATCH) {
      const leadBatch: Lead[] = [];
      const touchBatch: Touch[] = [];
      for (let i = start; i < Math.min(leads, start + BATCH); i++) {
        const template = demo.leads[i % demo.leads.length]!;
        const key = `B-${i}`;
        leadBatch.push({
          ...template,
          key,
          email: `bench.lead${i}@example-${i % 97}.com`,
          crmRefs: [{ crm: 'salesforce', tenant: 'bench', objectType: 'lead', recordId: sfId(i) }],
          sourceId: key,
        });
        const pattern = patterns[i % patterns.length]!;
        for (let k = 0; k < touchesPerLead; k++) {
          const src = pattern[k % pattern.length]!;
          touchBatch.push({
            ...src,
            id: `${key}:${k}`,
            leadKey: key,
            at: src.at - Math.floor(k / pattern.length) * 86_400_000,
          });
        }
      }
      await Promise.all([putLeads(db, leadBatch), putTouches(db, touchBatch)]);
      written += touchBatch.length;
    }
    const ms = performance.now() - t0;
    const rows = await rowDbPromise;
    await rows.clear('touches');
    for (let start = 0; start < leads; start += BATCH) {
      const tx = rows.transaction('touches', 'readwrite', { durability: 'relaxed' });
      for (let i = start; i < Math.min(leads, start + BATCH); i++) {
        const key = `B-${i}`;
        const pattern = patterns[i % patterns.length]!;
        for (let k = 0; k < touchesPerLead; k++) {
          const src = pattern[k % pattern.length]!;
          const at = src.at - Math.floor(k / pattern.length) * 86_400_000;
          void tx.store.put({ ...src, id: `${key}:${k}`, leadKey: key, at });
        }
      }
      await tx.done;
    }
    return { ms, touches: written };
  },

  detectedFor(i: number): DetectedRecord {
    const recordId = sfId(i);
    return {
      ref: { crm: 'salesforce', tenant: 'bench', objectType: 'lead', recordId },
      url: `https://bench.lightning.force.com/lightning/r/Lead/${recordId}/view`,
      adapterId: 'salesforce-lightning',
      fields: {},
    };
  },

  /** One getLeadContext round trip through the background, in ms. */
  async leadContext(i: number): Promise<number> {
    const detected = api.detectedFor(i);
    const t0 = performance.now();
    const ctx = await send('getLeadContext', detected);
    const ms = performance.now() - t0;
    if (ctx.status !== 'matched') throw new Error(`lead ${i} was not matched`);
    return ms;
  },

  /** The same work without the message round trip: buildLeadContext in this page, in ms. */
  async leadContextDirect(i: number): Promise<number> {
    const db = await dbPromise;
    const detected = api.detectedFor(i);
    const t0 = performance.now();
    const ctx = await buildLeadContext(db, detected, { now: Date.now() });
    const ms = performance.now() - t0;
    if (ctx.status !== 'matched') throw new Error(`lead ${i} was not matched`);
    return ms;
  },

  /**
   * The round trip's fixed cost: getLeadContext through the background for a record the store
   * does not hold (its identity lookups run, no touches are read, the answer is small), in ms.
   */
  async unknownRoundTrip(i: number): Promise<number> {
    const detected = api.detectedFor(i);
    const unknown = {
      ...detected,
      ref: {
        ...detected.ref,
        recordId: toSalesforceId18(`00Q5g0001${String(i).padStart(6, '0')}`)!,
      },
    };
    const t0 = performance.now();
    const ctx = await send('getLeadContext', unknown);
    const ms = performance.now() - t0;
    if (ctx.status !== 'no-history') throw new Error(`unknown record ${i} was matched`);
    return ms;
  },

  /**
   * What carrying the lead's context costs outside the store and engines, as the port carries
   * it: shared definitions, pack, shared strings (one memory for the bench, as one port has),
   * JSON both ways, and back. The context is built first, untimed. Returns the ms and the bytes
   * on the wire, and the bytes the same answer takes as the first one on a port.
   */
  async wire(i: number): Promise<{ ms: number; bytes: number; firstBytes: number }> {
    const db = await dbPromise;
    const ctx = await buildLeadContext(db, api.detectedFor(i), { now: Date.now() });
    const t0 = performance.now();
    const shared = SHARED_RECORDS.getLeadContext!;
    const value = wireStrings.records.encode(ctx, shared);
    const text = JSON.stringify(wireStrings.encoder.encode(pack({ ok: true, value })));
    const back = wireStrings.kept.decode(
      unpack(wireStrings.decoder.decode(JSON.parse(text))),
      shared,
    );
    const ms = performance.now() - t0;
    if (!back || typeof back !== 'object') throw new Error('nothing came back');
    const firstBytes = JSON.stringify(
      new StringEncoder().encode(pack({ ok: true, value: ctx })),
    ).length;
    return { ms, bytes: text.length, firstBytes };
  },

  /** The same lead's touches where Tandem's store keeps them (its packs, one key range), in ms. */
  async packRead(i: number): Promise<number> {
    const db = await dbPromise;
    const key = `B-${i}`;
    const t0 = performance.now();
    const touches = flattenPacks(await db.getAll('touchPacks', leadPackRange(key)));
    const ms = performance.now() - t0;
    if (!touches.length) throw new Error(`no touches for ${key}`);
    return ms;
  },

  /** Baseline: a bare indexed read of the same touches, one record each, in ms. */
  async bareRead(i: number): Promise<number> {
    const db = await rowDbPromise;
    const key = `B-${i}`;
    const t0 = performance.now();
    const rows = await db.getAllFromIndex(
      'touches',
      'by-lead-time',
      IDBKeyRange.bound([key, -Infinity], [key, Infinity]),
    );
    const ms = performance.now() - t0;
    if (!rows.length) throw new Error(`no touch rows for ${key}`);
    return ms;
  },

  /**
   * Ranks every lead's score as the background does (yielding a task between slices of
   * scoring) and stores the ranking: how long, how many leads, and how late a task queued
   * meanwhile ran (a chain of zero-delay timers for the ranking's whole length: each one's
   * wait is what a message arriving at that moment would wait).
   */
  async rankAll(): Promise<{ ms: number; leads: number; lagsMs: number[] }> {
    const db = await dbPromise;
    const lagsMs: number[] = [];
    let running = true;
    const probe = () => {
      const queued = performance.now();
      setTimeout(() => {
        lagsMs.push(performance.now() - queued);
        if (running) probe();
      }, 0);
    };
    probe();
    const t0 = performance.now();
    const { ranking, stored } = await computeScoreRanking(db, Date.now(), {
      pause: yieldToWaitingWork,
    });
    const ms = performance.now() - t0;
    running = false;
    if (!ranking || !stored) throw new Error('the ranking was not stored');
    return { ms, leads: ranking.totals.length, lagsMs };
  },
};

(globalThis as { tandemBench?: typeof api }).tandemBench = api;
document.body.dataset.ready = '1';
