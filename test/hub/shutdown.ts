/** The hub as `npm run hub` runs it: listening, and shutting down without dropping requests. */
import { request } from 'node:http';
import { expect, it } from 'vitest';
import { createToken, ensureWorkspace } from '../../server/auth';
import { readConfig } from '../../server/config';
import { openPostgres } from '../../server/db';
import { startHub } from '../../server/main';
import { ndjson, NOW, touch } from './harness';

function post(port: number, path: string, token: string) {
  let resolveBody: (v: { status: number; body: string }) => void = () => {};
  let rejectBody: (e: unknown) => void = () => {};
  const done = new Promise<{ status: number; body: string }>((res, rej) => {
    resolveBody = res;
    rejectBody = rej;
  });
  const req = request(
    {
      host: '127.0.0.1',
      port,
      path,
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
    },
    (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolveBody({ status: res.statusCode ?? 0, body }));
    },
  );
  req.on('error', rejectBody);
  return { req, done };
}

export function shutdownSuite(url: () => string) {
  it('finishes a request in flight on shutdown, then refuses new connections', async () => {
    const db = await openPostgres(url());
    await ensureWorkspace(db, 'shutdown-ws', 'Shutdown', NOW);
    const { token } = await createToken(
      db,
      { workspaceId: 'shutdown-ws', role: 'admin', name: 'Ada', email: 'ada@x.example' },
      NOW,
    );
    await db.close();

    const hub = await startHub(
      readConfig({ DATABASE_URL: url(), PORT: '0', HUB_SHUTDOWN_TIMEOUT_MS: '20000' }),
    );
    const rows = Array.from({ length: 50 }, (_, i) => touch(i, 'L9', NOW));
    const { req, done } = post(hub.port, '/v1/touches', token);
    req.write(ndjson(rows.slice(0, 25)));
    await new Promise((r) => setTimeout(r, 300));
    const stopping = hub.shutdown('test');
    await new Promise((r) => setTimeout(r, 100));
    req.end(ndjson(rows.slice(25)));
    const res = await done;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ received: 50, inserted: 50 });
    await stopping;
    await expect(
      new Promise((resolve, reject) => {
        const r = request({ host: '127.0.0.1', port: hub.port, path: '/health' }, resolve);
        r.on('error', reject);
        r.end();
      }),
    ).rejects.toThrow(/ECONNREFUSED/);
  }, 60_000);
}
