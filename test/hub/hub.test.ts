// @vitest-environment node
/**
 * The hub's suite, run twice: on embedded PGlite and on a real PostgreSQL cluster that this file
 * starts on a loopback port (Debian's postgresql package) and removes afterwards.
 */
import { afterAll, beforeAll, describe, vi } from 'vitest';
import { openPglite, openPostgres, type Db } from '../../server/db';
import { migrate } from '../../server/migrate';
import { bulkSuite } from './bulk';
import { functionalSuite } from './functional';
import { makeHub, type Hub } from './harness';
import { startPgCluster, type PgCluster } from './pg-cluster';
import { rankingSuite } from './ranking';
import { securitySuite } from './security';
import { shutdownSuite } from './shutdown';

// Shared CI machines are slow: the backends' first queries can take seconds.
vi.setConfig({ testTimeout: 30_000 });

let cluster: PgCluster | undefined;
let pgUrl = '';

beforeAll(async () => {
  cluster = await startPgCluster();
  pgUrl = await cluster.createDatabase('hub_test');
}, 60_000);

afterAll(() => cluster?.stop());

describe.each(['pglite', 'postgres'] as const)('team hub on %s', (kind) => {
  let db: Db;
  let hub: Hub;
  beforeAll(async () => {
    db = kind === 'pglite' ? await openPglite(undefined) : await openPostgres(pgUrl);
    await migrate(db);
    hub = makeHub(db);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  describe('behaviour', () => functionalSuite(() => hub));
  describe('bulk loading', () => bulkSuite(() => hub));
  describe('score ranking', () => rankingSuite(() => hub));
  describe('security', () => securitySuite(() => hub));
});

describe('running hub (postgres)', () => shutdownSuite(() => pgUrl));
