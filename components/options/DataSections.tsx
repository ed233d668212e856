/** The options page's data, export and privacy sections (props in; the entry point wires them). */
import { useState } from 'react';
import { t } from '../../lib/i18n';
import type { DataSummary } from '../../lib/messaging/protocol';
import type { AsyncState } from '../ui/useAsync';
import type { DataWorker } from './data-types';

type Action =
  { kind: 'idle' | 'busy' } | { kind: 'done'; text: string } | { kind: 'error'; text: string };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function ActionStatus({ action }: { action: Action }) {
  return (
    <p role="status" aria-live="polite">
      {action.kind === 'busy' && t('loading')}
      {action.kind === 'done' && action.text}
      {action.kind === 'error' && t('errorGeneric', action.text)}
    </p>
  );
}

function SummaryState(props: { state: AsyncState<DataSummary>; onRetry: () => void }) {
  if (props.state.kind === 'loading') return <p role="status">{t('loading')}</p>;
  if (props.state.kind === 'error') {
    return (
      <div role="alert">
        <p>{t('errorGeneric', props.state.message)}</p>
        <button type="button" onClick={props.onRetry}>
          {t('retry')}
        </button>
      </div>
    );
  }
  return null;
}

/** Where the data comes from: the demo workspace or imports (the team hub has its own section). */
export function DataSource(props: {
  state: AsyncState<DataSummary>;
  onRetry: () => void;
  /** Ranks every lead's score again (with a hub: takes the hub's); resolves once it is stored. */
  onRank: () => Promise<void>;
  /** A team hub is connected: it ranks the whole workspace, not this browser. */
  hub?: boolean;
}) {
  const [ranking, setRanking] = useState<Action>({ kind: 'idle' });
  if (props.state.kind !== 'ready') return <SummaryState {...props} />;
  const s = props.state.value;
  const rank = async () => {
    setRanking({ kind: 'busy' });
    try {
      await props.onRank();
      setRanking({ kind: 'idle' });
    } catch (e) {
      setRanking({ kind: 'error', text: message(e) });
    }
  };
  const source =
    s.imports.length > 0
      ? t('dataSourceImported', String(s.imports.length))
      : s.workspace?.id === 'demo'
        ? t('dataSourceDemo')
        : s.workspace
          ? t('dataSourceBundle')
          : t('dataSourceEmpty');
  return (
    <div data-testid="data-source">
      <p>{source}</p>
      <p data-testid="score-ranking">
        {s.ranking?.current
          ? t(
              s.ranking.source === 'hub' ? 'dataRankedByHub' : 'dataRanked',
              s.ranking.leads.toLocaleString('en-US'),
              new Date(s.ranking.rankedAt).toLocaleString(),
            )
          : t(props.hub ? 'dataNotRankedHub' : 'dataNotRanked')}{' '}
        <button type="button" onClick={() => void rank()} disabled={ranking.kind === 'busy'}>
          {t(props.hub ? 'dataRankFromHub' : 'dataRankNow')}
        </button>
      </p>
      <ActionStatus action={ranking} />
      {s.imports.length > 0 && (
        <table data-testid="import-history">
          <caption>{t('importHistoryHeading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('importHistoryWhen')}</th>
              <th scope="col">{t('importHistoryFile')}</th>
              <th scope="col">{t('importHistoryKind')}</th>
              <th scope="col">{t('importHistoryRows')}</th>
            </tr>
          </thead>
          <tbody>
            {s.imports.map((i) => (
              <tr key={i.id}>
                <td>{new Date(i.at).toLocaleString()}</td>
                <td>{i.fileName}</td>
                <td>{i.kind}</td>
                <td>
                  {i.rows.toLocaleString('en-US')}
                  {i.rejected > 0 &&
                    ` (${t('importHistoryRejected', i.rejected.toLocaleString('en-US'))})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function ExportSection(props: { worker: DataWorker; now: number }) {
  const [action, setAction] = useState<Action>({ kind: 'idle' });
  const [since, setSince] = useState(isoDay(props.now - 90 * DAY));
  const [until, setUntil] = useState(isoDay(props.now));
  const [format, setFormat] = useState<'csv' | 'json'>('csv');
  const go = async (work: () => Promise<{ blob: Blob; fileName: string; count: number }>) => {
    setAction({ kind: 'busy' });
    try {
      const file = await work();
      download(file.blob, file.fileName);
      setAction({
        kind: 'done',
        text: t('exportDone', file.fileName, file.count.toLocaleString('en-US')),
      });
    } catch (e) {
      setAction({ kind: 'error', text: message(e) });
    }
  };
  const start = Date.parse(`${since}T00:00:00Z`);
  const end = Date.parse(`${until}T23:59:59.999Z`);
  const rangeOk = Number.isFinite(start) && Number.isFinite(end) && start <= end;
  return (
    <section aria-labelledby="exports-heading">
      <h2 id="exports-heading">{t('optionsExportsHeading')}</h2>
      <div className="actions">
        <button
          type="button"
          disabled={action.kind === 'busy'}
          onClick={() => void go(() => props.worker.exportBundle())}
        >
          {t('exportBundle')}
        </button>
      </div>
      <fieldset>
        <legend>{t('exportEventsHeading')}</legend>
        <label>
          {t('exportFrom')}{' '}
          <input type="date" value={since} onChange={(e) => setSince(e.currentTarget.value)} />
        </label>{' '}
        <label>
          {t('exportTo')}{' '}
          <input type="date" value={until} onChange={(e) => setUntil(e.currentTarget.value)} />
        </label>{' '}
        <label>
          {t('exportFormat')}{' '}
          <select
            value={format}
            onChange={(e) => setFormat(e.currentTarget.value as 'csv' | 'json')}
          >
            <option value="csv">CSV</option>
            <option value="json">JSON</option>
          </select>
        </label>
        {!rangeOk && <p role="alert">{t('exportBadRange')}</p>}
        <div className="actions">
          <button
            type="button"
            disabled={action.kind === 'busy' || !rangeOk}
            onClick={() =>
              void go(() => props.worker.exportEvents({ format, since: start, until: end }))
            }
          >
            {t('exportEvents')}
          </button>
        </div>
      </fieldset>
      <ActionStatus action={action} />
    </section>
  );
}

export function PrivacyDetails(props: {
  state: AsyncState<DataSummary>;
  onRetry: () => void;
  estimate: () => Promise<{ usage?: number; quota?: number }>;
  onPurge: (days: number) => Promise<number>;
  onDeleteAll: () => Promise<void>;
  confirm: (question: string) => boolean;
}) {
  const [usage, setUsage] = useState<string | null>(null);
  const [days, setDays] = useState(365);
  const [action, setAction] = useState<Action>({ kind: 'idle' });
  const run = async (work: () => Promise<string>) => {
    setAction({ kind: 'busy' });
    try {
      setAction({ kind: 'done', text: await work() });
    } catch (e) {
      setAction({ kind: 'error', text: message(e) });
    }
  };
  const counts = props.state.kind === 'ready' ? props.state.value.counts : null;
  return (
    <div>
      <p>{t('privacyWhatStored')}</p>
      {counts ? (
        <ul data-testid="privacy-counts">
          {(
            ['leads', 'touches', 'events', 'personas', 'assets', 'campaigns', 'imports'] as const
          ).map((k) => (
            <li key={k}>{t('privacyCount', k, (counts[k] ?? 0).toLocaleString('en-US'))}</li>
          ))}
        </ul>
      ) : (
        <SummaryState state={props.state} onRetry={props.onRetry} />
      )}
      <div className="actions">
        <button
          type="button"
          onClick={() =>
            void props.estimate().then(
              (e) => setUsage(t('privacyStorageUsed', ((e.usage ?? 0) / 1048576).toFixed(1))),
              (e: unknown) => setUsage(t('errorGeneric', message(e))),
            )
          }
        >
          {t('privacyMeasure')}
        </button>
        {usage && <span data-testid="storage-used">{usage}</span>}
      </div>
      <div className="actions">
        <label>
          {t('privacyPurgeDays')}{' '}
          <input
            type="number"
            min={1}
            max={36500}
            value={days}
            onChange={(e) => setDays(Number(e.currentTarget.value))}
          />
        </label>
        <button
          type="button"
          disabled={!(days >= 1) || action.kind === 'busy'}
          onClick={() => {
            if (!props.confirm(t('privacyPurgeConfirm', String(days)))) return;
            void run(async () =>
              t('privacyPurged', (await props.onPurge(days)).toLocaleString('en-US')),
            );
          }}
        >
          {t('privacyPurge')}
        </button>
      </div>
      <div className="actions">
        <button
          type="button"
          className="danger"
          disabled={action.kind === 'busy'}
          onClick={() => {
            if (!props.confirm(t('privacyDeleteConfirm'))) return;
            void run(async () => {
              await props.onDeleteAll();
              return t('privacyDeleted');
            });
          }}
        >
          {t('privacyDeleteAll')}
        </button>
      </div>
      <ActionStatus action={action} />
    </div>
  );
}
