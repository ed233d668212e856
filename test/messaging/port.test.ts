import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import type { LeadContext } from '../../lib/model';

/**
 * The fake browser has no ports: these tests give it a minimal pair of connected ports, so the
 * client's port transport talks to the real server listener.
 */
type Listener = (...args: unknown[]) => void;

function event() {
  const listeners: Listener[] = [];
  return {
    addListener: (l: Listener) => void listeners.push(l),
    removeListener: (l: Listener) => void listeners.splice(listeners.indexOf(l), 1),
    hasListener: (l: Listener) => listeners.includes(l),
    fire: (...args: unknown[]) => listeners.forEach((l) => l(...args)),
  };
}

interface FakePort {
  name: string;
  sender: Browser.runtime.MessageSender;
  onMessage: ReturnType<typeof event>;
  onDisconnect: ReturnType<typeof event>;
  peer: FakePort | null;
  open: boolean;
  postMessage(msg: unknown): void;
  disconnect(): void;
}

function fakePort(name: string): FakePort {
  return {
    name,
    sender: { id: 'test', tab: { id: 7 } as Browser.tabs.Tab, frameId: 0 },
    onMessage: event(),
    onDisconnect: event(),
    peer: null,
    open: true,
    postMessage(msg: unknown) {
      if (!this.open) throw new Error('Attempting to use a disconnected port object');
      const peer = this.peer!;
      // Like the browser: delivered asynchronously, as a copy.
      const copy = JSON.parse(JSON.stringify(msg)) as unknown;
      setTimeout(() => peer.open && peer.onMessage.fire(copy, peer), 0);
    },
    disconnect() {
      this.open = false;
      this.peer!.open = false;
      this.peer!.onDisconnect.fire(this.peer);
    },
  };
}

const detected = {
  ref: { crm: 'salesforce', tenant: 'acme', objectType: 'lead', recordId: '00Q5g00000ABCDeEAP' },
  url: 'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000ABCDeEAP/view',
  adapterId: 'salesforce-lightning',
  fields: {},
} as const;

const answer = (n: number): LeadContext => ({
  status: 'no-history',
  detected: { ...detected, fields: {} },
  computedAt: n,
});

let connects: FakePort[];
/** The fake's runtime, writable (its typing says read-only). */
const runtime = () =>
  fakeBrowser.runtime as {
    -readonly [K in keyof typeof fakeBrowser.runtime]: (typeof fakeBrowser.runtime)[K];
  };
let originalOnConnect: typeof fakeBrowser.runtime.onConnect;

beforeEach(() => {
  vi.resetModules(); // a fresh client: no port left open by another test
  connects = [];
  const onConnect = event();
  originalOnConnect = fakeBrowser.runtime.onConnect;
  runtime().onConnect = onConnect as unknown as typeof fakeBrowser.runtime.onConnect;
  vi.spyOn(fakeBrowser.runtime, 'connect').mockImplementation(((info?: { name?: string }) => {
    const client = fakePort(info?.name ?? '');
    const server = fakePort(info?.name ?? '');
    client.peer = server;
    server.peer = client;
    connects.push(client);
    onConnect.fire(server);
    return client;
  }) as unknown as typeof fakeBrowser.runtime.connect);
});

afterEach(() => {
  for (const p of connects) if (p.open) p.disconnect();
  runtime().onConnect = originalOnConnect;
});

async function setUp(handler: (n: number) => LeadContext | Promise<LeadContext>) {
  const { listen } = await import('../../lib/messaging/server');
  const { send } = await import('../../lib/messaging/client');
  let calls = 0;
  const seen: unknown[] = [];
  listen({
    getLeadContext: (_data, sender) => {
      seen.push(sender);
      return handler(++calls);
    },
  });
  return { send, calls: () => calls, seen };
}

/** What the background posts on the first port from now on (recorded, then delivered). */
function postedByServer(): unknown[] {
  const server = connects[0]!.peer!;
  const posted: unknown[] = [];
  const post = server.postMessage.bind(server);
  server.postMessage = (msg: unknown) => {
    posted.push(msg);
    post(msg);
  };
  return posted;
}

/**
 * Sends a request the background answers slowly, breaks the port with `breakPort` while it
 * waits, and expects it answered as a one-off message, then the next request on a new port.
 */
async function expectAskedAgainOneOff(breakPort: () => void): Promise<void> {
  const { send } = await setUp(
    (n) => new Promise((r) => setTimeout(() => r(answer(n)), n === 1 ? 50 : 0)),
  );
  const sendMessage = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
  const pending = send('getLeadContext', detected);
  await new Promise((r) => setTimeout(r, 5));
  breakPort();
  await expect(pending).resolves.toEqual(answer(2));
  expect(sendMessage).toHaveBeenCalledTimes(1);
  // The next request opens a new port.
  await expect(send('getLeadContext', detected)).resolves.toEqual(answer(3));
  expect(connects).toHaveLength(2);
}

// Importing the messaging modules afresh per test is slow on a busy machine: more time than the
// default (no assertion about speed).
describe('getLeadContext over the long-lived port', { timeout: 30_000 }, () => {
  it('asks over one port, reused for later requests, with the sender of the port', async () => {
    const sendMessage = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    const { send, seen } = await setUp(answer);
    await expect(send('getLeadContext', detected)).resolves.toEqual(answer(1));
    await expect(send('getLeadContext', detected)).resolves.toEqual(answer(2));
    expect(connects).toHaveLength(1);
    expect(sendMessage).not.toHaveBeenCalled();
    expect(seen[0]).toMatchObject({ tab: { id: 7 }, frameId: 0 });
  });

  it('answers concurrent requests each with its own result', async () => {
    const { send } = await setUp(
      (n) => new Promise((r) => setTimeout(() => r(answer(n)), n === 1 ? 20 : 0)),
    );
    const [a, b] = await Promise.all([
      send('getLeadContext', detected),
      send('getLeadContext', detected),
    ]);
    expect([a.computedAt, b.computedAt]).toEqual([1, 2]);
  });

  it('still validates the payload on receipt', async () => {
    const { send, calls } = await setUp(answer);
    await expect(
      send('getLeadContext', { ...detected, ref: { ...detected.ref, crm: 'myspace' } } as never),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    expect(calls()).toBe(0);
  });

  it('asks again as a one-off message when the port closes with a request waiting', async () => {
    await expectAskedAgainOneOff(() => connects[0]!.peer!.disconnect()); // the worker stopped
  });

  it('sends strings an earlier answer carried as references, decoded to the same answer', async () => {
    const { send } = await setUp(answer);
    await expect(send('getLeadContext', detected)).resolves.toEqual(answer(1));
    const posted = postedByServer();
    await expect(send('getLeadContext', detected)).resolves.toEqual(answer(2));
    const wire = JSON.stringify(posted[0]);
    expect(wire).not.toContain(detected.url);
    expect(wire).toMatch(/"~[0-9a-z]+"/);
  });

  it('sends the definitions an earlier answer carried unchanged as references', async () => {
    const withAssets = (n: number) =>
      ({
        ...answer(n),
        assets: [
          { id: 'A-1', title: 'Pricing sheet for enterprise buyers' },
          { id: `A-${n + 1}`, title: `Case study number ${n}` },
        ],
      }) as unknown as LeadContext;
    const { send } = await setUp(withAssets);
    await expect(send('getLeadContext', detected)).resolves.toEqual(withAssets(1));
    const posted = postedByServer();
    await expect(send('getLeadContext', detected)).resolves.toEqual(withAssets(2));
    const wire = JSON.stringify(posted[0]);
    expect(wire).not.toContain('Pricing sheet');
    expect(wire).toContain('Case study number 2');
  });

  it('drops a port whose answer it cannot decode and asks again as a one-off message', async () => {
    await expectAskedAgainOneOff(() =>
      // The waiting request's answer, referring to a string this end never received.
      connects[0]!.onMessage.fire({ id: 1, result: '~zz' }, connects[0]),
    );
    expect(connects[0]!.open).toBe(false);
  });

  it('falls back to one-off messages where ports cannot be opened', async () => {
    const { send } = await setUp(answer);
    vi.mocked(fakeBrowser.runtime.connect).mockImplementation(() => {
      throw new Error('Extension context invalidated.');
    });
    await expect(send('getLeadContext', detected)).resolves.toEqual(answer(1));
  });

  it('carries rememberRecord on the same port, with its sender, between answers it keeps in step', async () => {
    const sendMessage = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    const { listen } = await import('../../lib/messaging/server');
    const { send } = await import('../../lib/messaging/client');
    const remembered: unknown[] = [];
    let calls = 0;
    listen({
      getLeadContext: () => answer(++calls),
      rememberRecord: (d, sender) => {
        remembered.push([d.ref.recordId, sender.tab?.id, sender.frameId]);
        return { remembered: true };
      },
    });
    await expect(send('getLeadContext', detected)).resolves.toEqual(answer(1));
    await expect(send('rememberRecord', detected)).resolves.toEqual({ remembered: true });
    // The next answer repeats the first one's strings: still read right after the other answer.
    await expect(send('getLeadContext', detected)).resolves.toEqual(answer(2));
    expect(remembered).toEqual([[detected.ref.recordId, 7, 0]]);
    expect(connects).toHaveLength(1);
    expect(sendMessage).not.toHaveBeenCalled();
  });

  it('leaves other messages on one-off messaging', async () => {
    const { listen } = await import('../../lib/messaging/server');
    const { send } = await import('../../lib/messaging/client');
    listen({ getStoreStatus: () => ({ seeded: true, leads: 1, touches: 2 }) });
    await expect(send('getStoreStatus', {})).resolves.toEqual({
      seeded: true,
      leads: 1,
      touches: 2,
    });
    expect(connects).toHaveLength(0);
  });
});
