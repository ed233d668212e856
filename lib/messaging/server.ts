/**
 * Receiving side (background only): validates every payload with the protocol's schema before
 * a handler sees it, and turns every failure into an error result. Nothing a sender does can
 * throw inside the service worker's listener.
 */
import { browser, type Browser } from 'wxt/browser';
import { z } from 'zod';
import {
  isEnvelope,
  protocol,
  type MessageName,
  type MessageOutput,
  type Protocol,
  type Result,
} from './protocol';
import { pack, PACKED, SHARED_RECORDS } from './pack';
import { isPortRequest, PORT_NAME, type PortResponse } from './port';
import { RecordEncoder, StringEncoder } from './shared-strings';

export type Sender = Browser.runtime.MessageSender;

export type Handlers = {
  [N in MessageName]: (
    data: z.infer<Protocol[N]['input']>,
    sender: Sender,
  ) => Promise<MessageOutput<N>> | MessageOutput<N>;
};

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`)
    .join('; ');
}

export async function dispatch(
  raw: unknown,
  sender: Sender,
  handlers: Partial<Handlers>,
): Promise<Result<unknown>> {
  if (!isEnvelope(raw) || !Object.hasOwn(protocol, raw.name)) {
    const name = isEnvelope(raw) ? raw.name : typeof raw;
    return {
      ok: false,
      error: { code: 'unknown_message', message: `unknown message: ${String(name).slice(0, 80)}` },
    };
  }
  const name = raw.name as MessageName;
  const handler = handlers[name] as ((d: unknown, s: Sender) => unknown) | undefined;
  if (!handler) {
    return { ok: false, error: { code: 'unknown_message', message: `no handler for ${name}` } };
  }
  const parsed = protocol[name].input.safeParse(raw.data);
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'invalid_input', message: `${name}: ${describe(parsed.error)}` },
    };
  }
  try {
    return { ok: true, value: await handler(parsed.data, sender) };
  } catch (e) {
    console.error(`[tandem] ${name} failed`, e);
    return {
      ok: false,
      error: { code: 'handler_failed', message: e instanceof Error ? e.message : String(e) },
    };
  }
}

/**
 * Registers the runtime listeners (one-off messages, and requests on `PORT_NAME` ports, see
 * ./port.ts); call synchronously at service-worker start. Both go through `dispatch`.
 */
export function listen(handlers: Partial<Handlers>): void {
  browser.runtime.onMessage.addListener(
    (msg: unknown, sender: Sender, sendResponse: (r: unknown) => void) => {
      if (!isEnvelope(msg)) return false; // not ours: let other listeners answer
      void dispatch(msg, sender, handlers).then((result) => sendResponse(forWire(msg, result)));
      return true;
    },
  );
  try {
    browser.runtime.onConnect.addListener((port) => servePort(port, handlers));
  } catch {
    // A runtime without ports (the unit tests' fake browser): senders fall back to one-off
    // messages when they cannot connect.
  }
}

/**
 * The result as it travels: packed for the messages that are (see ./pack.ts); on a port, with
 * the definitions the port already carried as references (`records`).
 */
function forWire(envelope: unknown, result: Result<unknown>, records?: RecordEncoder): unknown {
  if (!isEnvelope(envelope) || !PACKED.has(envelope.name)) return result;
  const shared = SHARED_RECORDS[envelope.name as MessageName];
  if (!records || !shared || !result.ok) return pack(result);
  return pack({ ...result, value: records.encode(result.value, shared) });
}

function servePort(port: Browser.runtime.Port, handlers: Partial<Handlers>): void {
  if (port.name !== PORT_NAME) return;
  const sender: Sender = port.sender ?? {};
  // The definitions and strings this port's answers carried (see ./shared-strings.ts): every
  // answer is encoded with them right before it is posted, so the sender reads them in the
  // same order.
  const strings = new StringEncoder();
  const records = new RecordEncoder();
  port.onMessage.addListener((msg: unknown) => {
    if (!isPortRequest(msg)) return;
    void dispatch(msg.envelope, sender, handlers).then((result) => {
      const response: PortResponse = {
        id: msg.id,
        result: strings.encode(forWire(msg.envelope, result, records)),
      };
      try {
        port.postMessage(response);
      } catch {
        // The sender went away (page closed or navigated) while this was computed.
      }
    });
  });
}
