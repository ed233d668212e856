/**
 * Sending side of the protocol. Imports the protocol's types only (no schemas), so the
 * content script does not carry zod.
 */
import { browser, type Browser } from 'wxt/browser';
import { PACKED, SHARED_RECORDS, unpack } from './pack';
import { isPortResponse, PORT_NAME, type PortRequest } from './port';
import { RecordDecoder, StringDecoder } from './shared-strings';
import type {
  Envelope,
  ErrorCode,
  MessageInput,
  MessageName,
  MessageOutput,
  Result,
} from './protocol';

export class MessagingError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MessagingError';
  }
}

/**
 * Messages sent over the long-lived port (./port.ts) instead of one-off messages: a request on an
 * open port skips opening and closing a channel to the service worker, which is most of the
 * fixed cost of a small message. Only messages that ask twice safely go there (they read, or
 * write the same value again): when the port closes with requests still waiting (the worker was
 * stopped, the page went into the back-forward cache), those are asked again as one-off
 * messages. The sidebar sends both on every record it shows.
 */
const OVER_PORT: ReadonlySet<MessageName> = new Set<MessageName>([
  'getLeadContext',
  'rememberRecord',
]);

interface Waiting {
  /** The request's message: how its answer is read. */
  name: MessageName;
  resolve: (result: unknown) => void;
  /** Asks again as a one-off message. */
  retry: () => void;
}

interface Channel {
  port: Browser.runtime.Port;
  waiting: Map<number, Waiting>;
}

let channel: Channel | null = null;
let nextId = 1;

function openChannel(): Channel {
  const port = browser.runtime.connect({ name: PORT_NAME });
  const open: Channel = { port, waiting: new Map() };
  // Answers arrive in the order the background posted them, each with the strings of earlier
  // ones as references (./shared-strings.ts): every answer is decoded, in arrival order.
  const strings = new StringDecoder();
  const records = new RecordDecoder();
  /** The port is done: requests still waiting are asked again as one-off messages. */
  const close = () => {
    if (channel === open) channel = null;
    const left = [...open.waiting.values()];
    open.waiting.clear();
    for (const w of left) w.retry();
  };
  port.onMessage.addListener((msg: unknown) => {
    if (!isPortResponse(msg)) return;
    const w = open.waiting.get(msg.id);
    let result: unknown;
    try {
      // An answer nobody waits for cannot be read (its message is unknown): the memories
      // would no longer agree. Never happens while the port is in use.
      if (!w) throw new Error(`answer ${msg.id} was not asked for`);
      result = strings.decode(msg.result);
      if (PACKED.has(w.name)) result = records.decode(unpack(result), SHARED_RECORDS[w.name]);
    } catch {
      // The two ends' memories no longer agree: this port can no longer be read, so it is
      // dropped (requests still waiting are asked again as one-off messages).
      try {
        port.disconnect();
      } catch {
        // Already closed.
      }
      close();
      return;
    }
    open.waiting.delete(msg.id);
    w.resolve(result);
  });
  port.onDisconnect.addListener(() => {
    close();
    try {
      // Reading it marks the error handled (Chrome logs it otherwise); the reason does not matter.
      void browser.runtime.lastError;
    } catch {
      // Not available here.
    }
  });
  return open;
}

/** A one-off message's answer, unpacked. */
function oneOff(envelope: Envelope): Promise<unknown> {
  return browser.runtime
    .sendMessage(envelope)
    .then((wire: unknown) => (PACKED.has(envelope.name) ? unpack(wire) : wire));
}

/** The answer over the port, read (strings, unpacked, shared records). */
function overPort(envelope: Envelope & { name: MessageName }): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const retry = () => void oneOff(envelope).then(resolve, reject);
    let open: Channel;
    try {
      open = channel ??= openChannel();
    } catch {
      // No port here (a runtime without runtime.connect): one-off messages still work.
      retry();
      return;
    }
    const id = nextId++;
    open.waiting.set(id, { name: envelope.name, resolve, retry });
    const request: PortRequest = { id, envelope };
    try {
      open.port.postMessage(request);
    } catch {
      // The port closed under us before its disconnect event ran.
      open.waiting.delete(id);
      if (channel === open) channel = null;
      retry();
    }
  });
}

export async function send<N extends MessageName>(
  name: N,
  data: MessageInput<N>,
): Promise<MessageOutput<N>> {
  const envelope = { tandem: 1, name, data } satisfies Envelope;
  const res = (await (OVER_PORT.has(name) ? overPort(envelope) : oneOff(envelope))) as
    Result<MessageOutput<N>> | undefined;
  if (!res || typeof res !== 'object' || !('ok' in res)) {
    throw new MessagingError('no_response', `no response to ${name}`);
  }
  if (!res.ok) throw new MessagingError(res.error.code, res.error.message);
  return res.value;
}
