/**
 * hub-load: the team hub on a real PostgreSQL (a throwaway cluster on a loopback port), served
 * by `server/main.ts` in its own process, driven over HTTP from this one.
 *
 * - `bulk_load_s`: 1,000,000 touches (20,000 leads x 50) streamed as NDJSON to POST /v1/touches
 *   (every line validated, COPYed in chunks straight into `touches` while nothing conflicts).
 *   Baseline: the same rows COPYed, in the same format, straight into a table of the same shape
 *   through the driver.
 * - `lookups_per_s`, `lookup_p99_ms`: GET /v1/leads/context, half by CRM record and half by email,
 *   from CONCURRENCY keep-alive connections for SECONDS (a minimal HTTP/1.1 client, as load
 *   generators use). The hub runs with HUB_LOOKUP_STATEMENTS = LOOKUP_STATEMENTS: lookups that
 *   wait for a statement in flight go together in the next one. Baseline: the hub's lead-context
 *   statement for one lookup (`leadContextJson`, the same answer per lookup) issued through the
 *   driver, one per lookup, from a pool as large as the hub's, at the same concurrency.
 * - `events_per_s`: 100,000 events in batches of 500 through POST /v1/events, 4 batches in flight.
 *   Baseline: the same insert statement through the driver with the same batches.
 * - `rank_s`: with the demo workspace's definitions published, the hub ranks every lead's score
 *   (server/ranking.ts: each lead over its touches of the last 12 months), timed from the first
 *   GET /v1/ranking (which starts it) until that endpoint answers the ranking, polled every 100
 *   ms. Baseline: the ranking's own reads (`scanWorkspace`, the same statements and batches)
 *   through the driver, without scoring.
 * - `lookup_p99_ranking_ms`: lead-context lookups at the same concurrency while the hub ranks;
 *   baseline: `lookup_p99_ms` above (no ranking under way).
 *
 * The bench's tokens carry their own rate limit (set when made, as an operator would for a
 * loading service); the hub-wide limit stays as configured.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { connect, createServer, type Socket } from 'node:net';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createToken, ensureWorkspace } from '../server/auth';
import { openPostgres, RAW_COPY_OPTIONS, RAW_DELIMITER, rawField } from '../server/db';
import { contextTouchesSince } from '../lib/hub/api';
import { generateDemoWorkspace } from '../lib/demo';
import { migrate } from '../server/migrate';
import { leadContextJson } from '../server/queries';
import { scanWorkspace } from '../server/ranking';
import { startPgCluster } from '../test/hub/pg-cluster';
import { percentile, report, row } from './lib';

const NAME = 'hub-load';
const TOUCHES = Number(process.env.BENCH_HUB_TOUCHES ?? 1_000_000);
const PER_LEAD = 50;
const LEADS = Math.ceil(TOUCHES / PER_LEAD);
const SECONDS = Number(process.env.BENCH_HUB_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_HUB_CONCURRENCY ?? 32);
/**
 * Connections of the hub's pool (and of the driver baseline's). A few per core: on two cores,
 * more only add PostgreSQL backends switching on them (16 measured no faster than 4 or 8).
 */
const POOL = Number(process.env.BENCH_HUB_POOL ?? 8);
/**
 * The hub's lead-context statements in flight: the machine's two cores (the database's). With
 * all eight, lookups are gathered four to a statement; with two, about sixteen, and the database
 * spends less than half as much CPU per lookup (measured from /proc: 0.14 against 0.32 ms).
 */
const LOOKUP_STATEMENTS = Number(process.env.BENCH_HUB_LOOKUP_STATEMENTS ?? 2);
const EVENTS = Number(process.env.BENCH_HUB_EVENTS ?? 100_000);
const BATCH = 500;
const DAY = 86_400_000;
const WS = 'bench';
/** The bench's tokens get their own limit, set when they are made, above the load it drives. */
const BENCH_RATE = { perSecond: 1_000_000, burst: 1_000_000 };
const TYPES = [
  'email_opened',
  'email_clicked',
  'page_viewed',
  'content_downloaded',
  'form_submitted',
];

const now = Date.now();
const recordId = (i: number) => `00Q5e0000${String(i).padStart(9, '0')}`;
const email = (i: number) => `lead${i}@bench.example`;

function touchObj(n: number) {
  const lead = Math.floor(n / PER_LEAD);
  const k = n % PER_LEAD;
  return {
    id: `marketo:${n}`,
    leadKey: `L${lead}`,
    at: now - Math.floor(((k * 14.6) % 730) * DAY) - (n % 1000) * 1000,
    type: TYPES[n % TYPES.length],
    channel: n % 2 ? 'email' : 'web',
    campaignId: `c${n % 12}`,
    assetId: `a${n % 40}`,
    detail: `Touch ${k} of lead ${lead}`,
    source: 'marketo',
    sourceId: String(n),
    botSuspect: false,
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 });

/**
 * One keep-alive HTTP/1.1 connection with one GET at a time, written and parsed by hand as load
 * generators (autocannon, wrk) do: this process shares the machine's two cores with the hub and
 * PostgreSQL, and `http.request` would cost it more per request than the hub spends.
 */
class LoadConnection {
  private socket: Socket;
  private buf: Buffer = Buffer.alloc(0);
  private waiting: {
    resolve: (r: { status: number; body: string }) => void;
    reject: (e: Error) => void;
  } | null = null;
  private ready: Promise<void>;

  constructor(
    port: number,
    private headers: string,
  ) {
    this.socket = connect({ host: '127.0.0.1', port, noDelay: true });
    this.ready = new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('error', reject);
    });
    this.socket.on('data', (chunk: Buffer) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
      this.parse();
    });
    this.socket.on('error', (err) => this.waiting?.reject(err));
    this.socket.on('close', () => this.waiting?.reject(new Error('connection closed')));
  }

  async get(path: string): Promise<{ status: number; body: string }> {
    await this.ready;
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(`GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\n${this.headers}\r\n`);
    });
  }

  /** A whole response (content-length or chunked) when it is in, else waits for more. */
  private parse() {
    const end = this.buf.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.buf.toString('latin1', 0, end);
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    let body = '';
    let next = end + 4;
    if (length) {
      const n = Number(length[1]);
      if (this.buf.length < next + n) return;
      body = this.buf.toString('utf8', next, next + n);
      next += n;
    } else if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
      const parts: Buffer[] = [];
      for (;;) {
        const nl = this.buf.indexOf('\r\n', next);
        if (nl < 0) return;
        const size = parseInt(this.buf.toString('latin1', next, nl), 16);
        if (this.buf.length < nl + 2 + size + 2) return;
        next = nl + 2 + size + 2;
        if (size === 0) break;
        parts.push(this.buf.subarray(nl + 2, nl + 2 + size));
      }
      body = Buffer.concat(parts).toString('utf8');
    }
    this.buf = this.buf.subarray(next);
    const w = this.waiting;
    this.waiting = null;
    w?.resolve({ status, body });
  }

  close() {
    this.socket.destroy();
  }
}

function http(
  port: number,
  method: string,
  path: string,
  token: string,
  body?: string | ((w: (chunk: string) => Promise<void>) => Promise<void>),
  type = 'application/json',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': type } : {}) },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    if (typeof body === 'function') {
      const write = (chunk: string) =>
        new Promise<void>((res) => (req.write(chunk) ? res() : req.once('drain', () => res())));
      body(write).then(() => req.end(), reject);
    } else req.end(body);
  });
}

async function waitReady(port: number, child: ChildProcess) {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error('the hub exited during start');
    const ok = await new Promise<boolean>((resolve) => {
      const r = request({ host: '127.0.0.1', port, path: '/ready' }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      r.on('error', () => resolve(false));
      r.end();
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the hub did not become ready');
}

/**
 * Runs `op` from `workers` loops for `seconds`, or until `stop` says so (op gets a call number
 * and its loop's); latencies in ms.
 */
async function load(
  workers: number,
  seconds: number,
  op: (i: number, worker: number) => Promise<void>,
  stop: () => boolean = () => false,
) {
  const lat: number[] = [];
  const end = performance.now() + seconds * 1000;
  let n = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (performance.now() < end && !stop()) {
        const i = n++;
        const t = performance.now();
        await op(i, w);
        lat.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { perSecond: lat.length / elapsed, p99: percentile(lat, 99), count: lat.length };
}

export async function hubLoadBench(): Promise<void> {
  const cluster = await startPgCluster();
  let child: ChildProcess | undefined;
  try {
    const url = await cluster.createDatabase('hub_bench');
    const db = await openPostgres(url, POOL);
    await migrate(db);
    await ensureWorkspace(db, WS, 'Bench', now);
    const admin = await createToken(
      db,
      {
        workspaceId: WS,
        role: 'admin',
        name: 'Ada',
        email: 'ada@bench.example',
        rateLimit: BENCH_RATE,
      },
      now,
    );

    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        PORT: String(port),
        HUB_POOL_SIZE: String(POOL),
        HUB_LOOKUP_STATEMENTS: String(LOOKUP_STATEMENTS),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitReady(port, child);

    // --- Leads, then 1,000,000 touches over HTTP -------------------------------------------
    const leadLines: string[] = [];
    for (let i = 0; i < LEADS; i++) {
      leadLines.push(
        JSON.stringify({
          key: `L${i}`,
          email: email(i),
          firstName: `First${i}`,
          lastName: `Last${i}`,
          company: `Company ${i % 500}`,
          crmRefs: [
            { crm: 'salesforce', tenant: 'bench', objectType: 'lead', recordId: recordId(i) },
          ],
          stage: i % 10 === 0 ? 'mql' : 'lead',
          updatedAt: now,
        }),
      );
    }
    const leadsRes = await http(
      port,
      'POST',
      '/v1/leads',
      admin.token,
      leadLines.join('\n'),
      'application/x-ndjson',
    );
    if (leadsRes.status !== 200) throw new Error(`leads: ${leadsRes.status} ${leadsRes.body}`);

    const streamTouches = async (write: (chunk: string) => Promise<void>) => {
      let buf = '';
      for (let n = 0; n < TOUCHES; n++) {
        buf += JSON.stringify(touchObj(n)) + '\n';
        if (buf.length > 1 << 20) {
          await write(buf);
          buf = '';
        }
      }
      if (buf) await write(buf);
    };
    let t = performance.now();
    const bulk = await http(
      port,
      'POST',
      '/v1/touches',
      admin.token,
      streamTouches,
      'application/x-ndjson',
    );
    const bulkS = (performance.now() - t) / 1000;
    const bulkBody = JSON.parse(bulk.body) as { inserted: number };
    if (bulk.status !== 200 || bulkBody.inserted !== TOUCHES) {
      throw new Error(`touches: ${bulk.status} ${bulk.body.slice(0, 300)}`);
    }

    // Baseline: the same rows COPYed straight into a table of the same shape.
    const direct = new pg.Pool({ connectionString: url, max: POOL });
    await direct.query(`create table touches_direct (like touches including indexes)`);
    const client = await direct.connect();
    t = performance.now();
    await new Promise<void>((resolve, reject) => {
      const stream = client.query(
        copyFrom(
          `copy touches_direct (workspace_id, id, lead_key, at, source, source_id, data)
           from stdin ${RAW_COPY_OPTIONS}`,
        ),
      );
      stream.on('error', reject);
      stream.on('finish', () => resolve());
      let n = 0;
      const pump = () => {
        while (n < TOUCHES) {
          let buf = '';
          for (let k = 0; k < 5000 && n < TOUCHES; k++, n++) {
            const o = touchObj(n);
            buf +=
              [WS, o.id, o.leadKey, o.at, o.source, o.sourceId, JSON.stringify(o)]
                .map(rawField)
                .join(RAW_DELIMITER) + '\n';
          }
          if (!stream.write(buf)) {
            stream.once('drain', pump);
            return;
          }
        }
        stream.end();
      };
      pump();
    });
    const bulkBaseS = (performance.now() - t) / 1000;
    client.release();
    await direct.query('drop table touches_direct');
    await direct.query('vacuum analyze touches');
    await direct.query('vacuum analyze leads');
    await direct.query('vacuum analyze lead_refs');

    // --- Lead-context lookups --------------------------------------------------------------
    const rep = await createToken(
      db,
      {
        workspaceId: WS,
        role: 'rep',
        name: 'Rita',
        email: 'rita@bench.example',
        rateLimit: BENCH_RATE,
      },
      now,
    );
    const pick = (i: number) => (i * 7919) % LEADS;
    const lookup = (i: number) => {
      const lead = pick(i);
      return i % 2
        ? `/v1/leads/context?email=${encodeURIComponent(email(lead))}`
        : `/v1/leads/context?crm=salesforce&tenant=bench&objectType=lead&recordId=${recordId(lead)}`;
    };
    const conns = Array.from(
      { length: CONCURRENCY },
      () => new LoadConnection(port, `authorization: Bearer ${rep.token}\r\n`),
    );
    // The hub answers what the driver's query returns.
    const sample = await conns[0]!.get(lookup(1));
    const expected = await leadContextJson(db, WS, { email: email(pick(1)) }, Date.now());
    if (JSON.stringify(JSON.parse(sample.body)) !== JSON.stringify(JSON.parse(expected))) {
      throw new Error(
        `the hub's lead context differs from the query's: ${sample.body.slice(0, 300)}`,
      );
    }
    // Warm-up, so both sides read from a warm cache.
    await load(CONCURRENCY, 2, async (i, w) => {
      await conns[w]!.get(lookup(i));
    });
    const viaHub = await load(CONCURRENCY, SECONDS, async (i, w) => {
      const r = await conns[w]!.get(lookup(i));
      if (r.status !== 200) throw new Error(`lookup ${r.status} ${r.body}`);
    });
    for (const c of conns) c.close();
    // The same single query the hub issues, through the driver, with the same pool size.
    const viaDriver = await load(CONCURRENCY, SECONDS, async (i) => {
      const lead = pick(i);
      const q =
        i % 2
          ? { email: email(lead) }
          : {
              crm: 'salesforce' as const,
              tenant: 'bench',
              objectType: 'lead' as const,
              recordId: recordId(lead),
            };
      await leadContextJson(db, WS, q, Date.now());
    });

    // --- Events in batches -------------------------------------------------------------------
    const batches = Math.ceil(EVENTS / BATCH);
    const makeBatch = () =>
      Array.from({ length: BATCH }, (_, k) => ({
        id: randomUUID(),
        kind: 'asset_usage',
        action: k % 3 ? 'copied' : 'sent',
        assetId: `a${k % 40}`,
        leadKey: `L${k}`,
        at: now - k * 1000,
        rep: { name: 'Rita', email: 'rita@bench.example' },
      }));
    const hubBatches = Array.from({ length: batches }, () =>
      JSON.stringify({ events: makeBatch() }),
    );
    let next = 0;
    t = performance.now();
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < batches) {
          const b = hubBatches[next++]!;
          const r = await http(port, 'POST', '/v1/events', rep.token, b);
          if (r.status !== 200) throw new Error(`events ${r.status} ${r.body.slice(0, 300)}`);
        }
      }),
    );
    const eventsS = (performance.now() - t) / 1000;
    const driverBatches = Array.from({ length: batches }, () =>
      JSON.stringify(
        makeBatch().map((e) => ({
          id: e.id,
          at: e.at,
          kind: e.kind,
          rep: e.rep.email,
          lead: e.leadKey,
          data: e,
        })),
      ),
    );
    next = 0;
    t = performance.now();
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < batches) {
          const b = driverBatches[next++]!;
          await direct.query(
            `insert into events (workspace_id, id, at, kind, rep_email, lead_key, received_at, data)
             select $1, (e->>'id')::uuid, (e->>'at')::bigint, e->>'kind', e->>'rep', e->>'lead', $3, e->'data'
             from jsonb_array_elements($2::jsonb) as e
             on conflict (workspace_id, id) do nothing`,
            [WS, b, now],
          );
        }
      }),
    );
    const eventsBaseS = (performance.now() - t) / 1000;

    // --- Ranking every lead's score, with lookups meanwhile ----------------------------------
    const demo = generateDemoWorkspace({ now });
    const published = await http(
      port,
      'PUT',
      '/v1/workspace',
      admin.token,
      JSON.stringify({
        personas: demo.personas,
        campaigns: demo.campaigns,
        assets: demo.assets,
        scoringModel: demo.scoringModel,
        lifecycle: demo.lifecycle,
      }),
    );
    if (published.status !== 200) throw new Error(`publish ${published.status} ${published.body}`);
    const rankingNow = async () =>
      JSON.parse((await http(port, 'GET', '/v1/ranking', rep.token)).body) as {
        ranking: { totals: number[] } | null;
        refreshing: boolean;
      };
    t = performance.now();
    const first = await rankingNow();
    if (first.ranking || !first.refreshing)
      throw new Error('the first ask did not start a ranking');
    let rankedLeads = 0;
    const ranked = (async () => {
      for (;;) {
        await new Promise((r) => setTimeout(r, 100));
        const r = await rankingNow();
        if (r.ranking) {
          rankedLeads = r.ranking.totals.length;
          return (performance.now() - t) / 1000;
        }
      }
    })();
    let rankDone = false;
    void ranked.then(() => (rankDone = true));
    const rankConns = Array.from(
      { length: CONCURRENCY },
      () => new LoadConnection(port, `authorization: Bearer ${rep.token}\r\n`),
    );
    const duringRank = await load(
      CONCURRENCY,
      600,
      async (i, w) => {
        const r = await rankConns[w]!.get(lookup(i));
        if (r.status !== 200) throw new Error(`lookup ${r.status} ${r.body}`);
      },
      () => rankDone,
    );
    const rankS = await ranked;
    for (const c of rankConns) c.close();
    if (rankedLeads !== LEADS) throw new Error(`ranked ${rankedLeads} leads, not ${LEADS}`);
    t = performance.now();
    let readLeads = 0;
    await scanWorkspace(db, WS, contextTouchesSince(Date.now()), async (leads) => {
      readLeads += leads.length;
    });
    const rankReadS = (performance.now() - t) / 1000;
    if (readLeads !== LEADS) throw new Error(`read ${readLeads} leads, not ${LEADS}`);

    await direct.end();
    await db.close();

    const total = batches * BATCH;
    report(NAME, [
      row(NAME, 'lookups_per_s', viaHub.perSecond, 'req/s', viaDriver.perSecond, '>= 2000'),
      row(NAME, 'lookup_p99_ms', viaHub.p99, 'ms', viaDriver.p99, '<= 25'),
      row(NAME, 'events_per_s', total / eventsS, 'events/s', total / eventsBaseS, '>= 10000'),
      row(NAME, 'bulk_load_s', bulkS, 's', bulkBaseS, '<= 30'),
      row(NAME, 'rank_s', rankS, 's', rankReadS, null),
      row(NAME, 'lookup_p99_ranking_ms', duringRank.p99, 'ms', viaHub.p99, null),
    ]);
    console.log(
      `  (${TOUCHES} touches, ${LEADS} leads; ${viaHub.count} lookups over ${SECONDS} s at concurrency ${CONCURRENCY}; ${total} events; ${duringRank.count} lookups during the ranking)`,
    );
  } finally {
    child?.kill('SIGTERM');
    if (child && child.exitCode === null) await new Promise((r) => child!.once('exit', r));
    agent.destroy();
    cluster.stop();
  }
}
