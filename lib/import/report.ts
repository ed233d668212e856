import { MAX_LISTED_REJECTS, type RejectedRow } from './types';

/** Rejected rows: the first 1,000 listed, every one counted. */
export class RejectReport {
  readonly listed: RejectedRow[] = [];
  count = 0;
  add(row: number, column: string, reason: string): void {
    this.count++;
    if (this.listed.length < MAX_LISTED_REJECTS) {
      this.listed.push({ row, column: column.slice(0, 500), reason: reason.slice(0, 1000) });
    }
  }
}
