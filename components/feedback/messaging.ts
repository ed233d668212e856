import { uuidv7 } from 'uuidv7';
import { send } from '../../lib/messaging/client';
import type { FeedbackActions } from './actions';

/** The feedback actions of a real extension context: messages to the background. */
export const messagingFeedbackActions: FeedbackActions = {
  record: (draft) => send('recordEvent', draft),
  undo: (id) => send('undoEvent', { id }),
  loadRep: async () => (await send('getRep', {})).rep,
  copy: (text) => navigator.clipboard.writeText(text),
  newId: uuidv7,
  clock: Date.now,
};
