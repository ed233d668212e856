/**
 * The options page's data worker: imports (parse, validate, write in one transaction) and
 * exports. Bulk data stays off the page's main thread and out of runtime messaging (JSON, capped
 * at 64 MiB); the worker opens the same database with the same schema code as the background.
 */
import { exportBundle } from '../../lib/export/bundle';
import { eventsToCsv, eventsToJson } from '../../lib/export/events';
import { toModelEvent } from '../../lib/export/bundle';
import { previewFile, runImport, type ByteSource } from '../../lib/import';
import { problemOf } from '../../lib/import/pipeline';
import { blobStaging } from '../../lib/import/sink';
import { ToWorker, type FromWorker } from '../../lib/import/worker-protocol';
import { listEvents, openTandemDb, type TandemDb } from '../../lib/store';

declare const FileReaderSync: {
  new (): { readAsArrayBuffer(blob: Blob): ArrayBuffer; readAsText(blob: Blob): string };
};

let dbPromise: Promise<TandemDb> | null = null;
const db = () => (dbPromise ??= openTandemDb());
let cancelled = false;

const post = (message: FromWorker) => postMessage(message);

/** The file read synchronously by range, so the import's transaction never waits on a read. */
function fileSource(file: Blob): ByteSource {
  const reader = new FileReaderSync();
  return {
    size: file.size,
    read: (start, end) => new Uint8Array(reader.readAsArrayBuffer(file.slice(start, end))),
  };
}

const stamp = () => new Date().toISOString().slice(0, 10);

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'cancel':
      cancelled = true;
      return;
    case 'preview':
      post({ type: 'preview', preview: previewFile(fileSource(message.file), message.name) });
      return;
    case 'run': {
      cancelled = false;
      let lastProgress = 0;
      const outcome = await runImport(fileSource(message.file), {
        fileName: message.name,
        ...(message.kind ? { kind: message.kind } : {}),
        ...(message.mapping ? { mapping: message.mapping } : {}),
        mode: message.mode,
        validOnly: message.validOnly,
        ...(message.mode === 'import'
          ? {
              db: await db(),
              staging: blobStaging((blob) => new FileReaderSync().readAsArrayBuffer(blob)),
            }
          : {}),
        now: Date.now(),
        clock: () => performance.now(),
        cancelled: () => cancelled,
        idle: () => new Promise((resolve) => setTimeout(resolve, 0)),
        onProgress: (p) => {
          const t = performance.now();
          if (t - lastProgress < 100 && p.bytes < p.total) return;
          lastProgress = t;
          post({ type: 'progress', ...p });
        },
        onSaving: (p) => post({ type: 'saving', ...p }),
      });
      post({ type: 'done', outcome });
      return;
    }
    case 'exportBundle': {
      const bundle = await exportBundle(await db(), Date.now());
      const blob = new Blob([JSON.stringify(bundle)], { type: 'application/json' });
      post({
        type: 'file',
        blob,
        fileName: `tandem-workspace-${stamp()}.json`,
        count: bundle.touches.length,
      });
      return;
    }
    case 'exportEvents': {
      const events = (
        await listEvents(await db(), {
          since: message.since,
          until: message.until,
          ...(message.kind ? { kind: message.kind } : {}),
        })
      ).map(toModelEvent);
      const range = { since: message.since, until: message.until };
      const blob =
        message.format === 'csv'
          ? new Blob([eventsToCsv(events)], { type: 'text/csv' })
          : new Blob([eventsToJson(events, range)], { type: 'application/json' });
      post({
        type: 'file',
        blob,
        fileName: `tandem-events-${stamp()}.${message.format}`,
        count: events.length,
      });
      return;
    }
  }
}

self.addEventListener('message', (event: MessageEvent) => {
  const parsed = ToWorker.safeParse(event.data);
  if (!parsed.success) {
    post({
      type: 'error',
      problem: { key: 'importErrStore', subs: ['invalid message to the data worker'] },
    });
    return;
  }
  handle(parsed.data).catch((error: unknown) => post({ type: 'error', problem: problemOf(error) }));
});
