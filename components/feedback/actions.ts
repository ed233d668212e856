import type { EventDraftInput, Rep } from '../../lib/model';
import type { RecordedEvent } from '../../lib/messaging/protocol';

/** What the feedback components need from the background (fakes in tests). */
export interface FeedbackActions {
  record(draft: EventDraftInput): Promise<RecordedEvent>;
  undo(id: string): Promise<{ undone: boolean }>;
  /** The rep whose reference goes into tracked links, if known (see useWithRep). */
  rep?: Rep;
  /** Reads the rep's identity. */
  loadRep?(): Promise<Rep | undefined>;
  /** Puts text on the clipboard; rejects when the browser refuses. */
  copy(text: string): Promise<void>;
  newId(): string;
  clock(): number;
}
