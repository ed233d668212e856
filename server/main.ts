/**
 * `npm run hub`: starts the team hub (PostgreSQL when DATABASE_URL is set, else embedded PGlite
 * in HUB_DATA_DIR). `npm run hub -- create-token --workspace W --role admin --name N --email E`
 * makes a token (and the workspace if new) and prints it: how the first admin gets in.
 */
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { Role } from '../lib/hub/api';
import { Email, Id, ShortText } from '../lib/model';
import { createApp } from './app';
import { createToken, ensureWorkspace } from './auth';
import { readConfig, type HubConfig } from './config';
import { openDb, type Db } from './db';
import { migrate } from './migrate';
import { Rankings } from './ranking';

function logLine(line: Record<string, unknown>) {
  process.stdout.write(JSON.stringify({ t: new Date().toISOString(), ...line }) + '\n');
}

async function openAndMigrate(config: HubConfig): Promise<Db> {
  const db = await openDb({
    ...(config.DATABASE_URL
      ? { databaseUrl: config.DATABASE_URL }
      : { dataDir: config.HUB_DATA_DIR }),
    poolSize: config.HUB_POOL_SIZE,
  });
  const applied = await migrate(db);
  logLine({ level: 'info', msg: 'database ready', engine: db.kind, migrationsApplied: applied });
  return db;
}

export interface RunningHub {
  port: number;
  /** Stops taking connections, finishes the requests in flight, then closes the database. */
  shutdown(reason: string): Promise<void>;
}

export async function startHub(config: HubConfig): Promise<RunningHub> {
  const db = await openAndMigrate(config);
  let accepting = true;
  const rankings = new Rankings(db, { log: logLine });
  const app = createApp({
    db,
    rankings,
    rateLimit: { perSecond: config.HUB_RATE_PER_S, burst: config.HUB_RATE_BURST },
    accepting: () => accepting,
    ...(config.HUB_LOOKUP_STATEMENTS ? { lookupStatements: config.HUB_LOOKUP_STATEMENTS } : {}),
  });
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HUB_HOST }, () =>
      resolve(s as Server),
    ) as Server;
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logLine({ level: 'info', msg: 'listening', host: config.HUB_HOST, port, engine: db.kind });

  let closing: Promise<void> | undefined;
  const shutdown = (reason: string) =>
    (closing ??= (async () => {
      accepting = false;
      logLine({ level: 'info', msg: 'shutting down', reason });
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections with no request in flight would hold close() open.
      server.closeIdleConnections();
      const timer = setTimeout(() => {
        logLine({ level: 'warn', msg: 'shutdown timeout: closing remaining connections' });
        server.closeAllConnections();
      }, config.HUB_SHUTDOWN_TIMEOUT_MS);
      await closed;
      clearTimeout(timer);
      // A ranking under way stops at its next batch: nothing half-made is stored.
      await rankings.stop();
      await db.close();
      logLine({ level: 'info', msg: 'stopped' });
    })());
  return { port, shutdown };
}

const TokenArgs = z
  .object({
    workspace: Id,
    role: Role,
    name: ShortText.min(1),
    email: Email,
    'workspace-name': ShortText.min(1).optional(),
    'rate-per-s': z.coerce.number().positive().optional(),
    'rate-burst': z.coerce.number().int().positive().optional(),
  })
  .refine((a) => (a['rate-per-s'] === undefined) === (a['rate-burst'] === undefined), {
    message: 'give --rate-per-s and --rate-burst together (or neither: the hub-wide limit)',
    path: ['rate-burst'],
  });

async function createTokenCommand(args: string[], config: HubConfig) {
  const { values } = parseArgs({
    args,
    options: {
      workspace: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      'workspace-name': { type: 'string' },
      'rate-per-s': { type: 'string' },
      'rate-burst': { type: 'string' },
    },
  });
  const parsed = TokenArgs.safeParse(values);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n');
    process.stderr.write(
      `${msg}\nusage: npm run hub -- create-token --workspace W --role admin|marketer|rep --name N --email E [--rate-per-s R --rate-burst B]\n`,
    );
    process.exitCode = 2;
    return;
  }
  const a = parsed.data;
  const db = await openAndMigrate(config);
  try {
    const now = Date.now();
    const out = await db.transaction(async (tx) => {
      await ensureWorkspace(tx, a.workspace, a['workspace-name'] ?? a.workspace, now);
      return createToken(
        tx,
        {
          workspaceId: a.workspace,
          role: a.role,
          name: a.name,
          email: a.email,
          ...(a['rate-per-s'] !== undefined && a['rate-burst'] !== undefined
            ? { rateLimit: { perSecond: a['rate-per-s'], burst: a['rate-burst'] } }
            : {}),
        },
        now,
      );
    });
    const limit =
      a['rate-per-s'] !== undefined ? `, ${a['rate-per-s']}/s burst ${a['rate-burst']}` : '';
    process.stderr.write(
      `token ${out.id} (${a.role}, ${a.email}${limit}) for workspace ${a.workspace}; shown once:\n`,
    );
    process.stdout.write(out.token + '\n');
  } finally {
    await db.close();
  }
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const config = readConfig();
  if (command === 'create-token') return createTokenCommand(rest, config);
  if (command && command !== 'serve') {
    process.stderr.write(`unknown command ${command}; use serve (default) or create-token\n`);
    process.exitCode = 2;
    return;
  }
  const hub = await startHub(config);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      hub.shutdown(signal).then(
        () => process.exit(0),
        (err: unknown) => {
          logLine({ level: 'error', msg: 'shutdown failed', error: String(err) });
          process.exit(1);
        },
      );
    });
  }
}

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) {
  main().catch((err: unknown) => {
    logLine({
      level: 'error',
      msg: 'hub failed to start',
      error: err instanceof Error ? err.message : String(err),
    });
    process.exit(1);
  });
}
