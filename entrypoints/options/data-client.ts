/** The page's side of the data worker: one request at a time, answers validated. */
import type { DataWorker } from '../../components/options/data-types';
import { FromWorker, type ToWorker } from '../../lib/import/worker-protocol';
import type { Problem } from '../../lib/import/types';

export class WorkerProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.subs.length ? `${problem.key}: ${problem.subs.join(', ')}` : problem.key);
  }
}

export function createDataWorker(): DataWorker {
  const worker = new Worker(new URL('./data-worker.ts', import.meta.url), { type: 'module' });
  let listener: ((m: FromWorker) => void) | null = null;
  worker.addEventListener('message', (event: MessageEvent) => {
    const parsed = FromWorker.safeParse(event.data);
    if (parsed.success) listener?.(parsed.data);
  });
  const request = <T>(
    message: ToWorker,
    on: (m: FromWorker, resolve: (v: T) => void) => void,
  ): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      listener = (m) => {
        if (m.type === 'error') reject(new WorkerProblem(m.problem));
        else on(m, resolve);
      };
      worker.postMessage(message);
    });
  return {
    preview: (file) =>
      request(
        { type: 'preview', file, name: file.name },
        (m, resolve) => m.type === 'preview' && resolve(m.preview),
      ),
    run: (file, plan, onProgress) =>
      request({ type: 'run', file, name: file.name, ...plan }, (m, resolve) => {
        if (m.type === 'progress' || m.type === 'saving') onProgress(m);
        else if (m.type === 'done') resolve(m.outcome);
      }),
    cancel: () => worker.postMessage({ type: 'cancel' } satisfies ToWorker),
    exportBundle: () =>
      request({ type: 'exportBundle' }, (m, resolve) => m.type === 'file' && resolve(m)),
    exportEvents: (opts) =>
      request({ type: 'exportEvents', ...opts }, (m, resolve) => m.type === 'file' && resolve(m)),
  };
}
