/**
 * Sending side of the protocol. Imports the protocol's types only (no schemas), so the
 * content script does not carry zod.
 */
import { browser } from 'wxt/browser';
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

export async function send<N extends MessageName>(
  name: N,
  data: MessageInput<N>,
): Promise<MessageOutput<N>> {
  const envelope: Envelope = { tandem: 1, name, data };
  const res = (await browser.runtime.sendMessage(envelope)) as Result<MessageOutput<N>> | undefined;
  if (!res || typeof res !== 'object' || !('ok' in res)) {
    throw new MessagingError('no_response', `no response to ${name}`);
  }
  if (!res.ok) throw new MessagingError(res.error.code, res.error.message);
  return res.value;
}
