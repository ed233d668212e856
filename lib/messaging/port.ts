/**
 * The port transport of the protocol: the same envelopes and results as `runtime.sendMessage`,
 * over one long-lived `runtime.connect` port per sending page. A one-off message opens and
 * closes a channel to the service worker each time; a request on an open port is one message
 * each way. No zod here: the content script imports this too.
 */
import type { Envelope } from './protocol';

/** The name senders connect with; the background ignores ports with any other name. */
export const PORT_NAME = 'tandem.rpc';

/** A request on the port: the envelope, numbered so the answer finds its caller. */
export interface PortRequest {
  id: number;
  envelope: Envelope;
}

/** The background's answer to the request with the same id. */
export interface PortResponse {
  id: number;
  result: unknown;
}

export function isPortRequest(msg: unknown): msg is PortRequest {
  return (
    typeof msg === 'object' &&
    msg !== null &&
    Number.isSafeInteger((msg as PortRequest).id) &&
    typeof (msg as PortRequest).envelope === 'object'
  );
}

export function isPortResponse(msg: unknown): msg is PortResponse {
  return (
    typeof msg === 'object' &&
    msg !== null &&
    Number.isSafeInteger((msg as PortResponse).id) &&
    'result' in msg
  );
}
