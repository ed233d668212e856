import { useRef, useState } from 'react';
import { toCsv } from '../../lib/export/csv-safe';
import { t, type MessageKey } from '../../lib/i18n';
import { headerSignature } from '../../lib/import/csv';
import type { Progress } from '../../lib/import/pipeline';
import { mappingProblems, suggestMapping } from '../../lib/import/presets/generic';
import {
  LeadField,
  TouchField,
  type ColumnMapping,
  type FilePreview,
  type ImportOutcome,
  type Problem,
} from '../../lib/import/types';
import type { MergeProgress } from '../../lib/import/sink';
import { isSaving, type DataWorker, type MappingStore, type RunPlan } from './data-types';

type State =
  | { step: 'idle' }
  | { step: 'reading' }
  | { step: 'mapping'; file: File; preview: FilePreview; mapping: ColumnMapping; remember: boolean }
  | {
      step: 'running';
      file: File;
      plan: RunPlan;
      progress: Progress | null;
      /** Once the file is read: saving to the store, part by part. */
      saving: MergeProgress | null;
    }
  | { step: 'done'; file: File; plan: RunPlan; outcome: ImportOutcome }
  | { step: 'error'; problem: Problem };

/** Rejected rows shown on the page; the downloadable report has all listed ones. */
const SHOWN_REJECTS = 50;

export function problemText(problem: Problem): string {
  return t(problem.key as MessageKey, ...problem.subs);
}

function asProblem(e: unknown): Problem {
  if (e && typeof e === 'object' && 'problem' in e) return (e as { problem: Problem }).problem;
  return { key: 'importErrStore', subs: [e instanceof Error ? e.message : String(e)] };
}

function outcomeText(o: ImportOutcome): string {
  const c = o.counts;
  const n = (x: number) => x.toLocaleString('en-US');
  switch (o.status) {
    case 'imported':
      return (
        t(
          'importDone',
          n(c.rows),
          n(c.touchesAdded),
          n(c.touchesExisting),
          n(c.leadsAdded + c.leadsUpdated),
          n(c.definitions),
        ) + (c.rejected ? ` ${t('importDoneRejected', n(c.rejected))}` : '')
      );
    case 'checked':
      return t('importChecked', n(c.rows), n(c.rejected));
    case 'rejected': {
      const first = o.rejects
        .slice(0, 3)
        .map((r) => t('importRejectLine', String(r.row), r.column || '-', r.reason))
        .join('; ');
      return `${t('importRejected', n(c.rejected), n(c.rows))} ${first}`;
    }
    case 'cancelled':
      return t('importCancelled');
    case 'failed':
      return o.problem ? problemText(o.problem) : t('importCancelled');
  }
}

export function ImportSection(props: {
  worker: DataWorker;
  mappings: MappingStore;
  onImported: () => void;
  clock?: () => number;
}) {
  const [state, setState] = useState<State>({ step: 'idle' });
  const [checkOnly, setCheckOnly] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const run = async (file: File, plan: RunPlan) => {
    setState({ step: 'running', file, plan, progress: null, saving: null });
    try {
      const outcome = await props.worker.run(file, plan, (update) =>
        setState((s) => {
          if (s.step !== 'running') return s;
          if (!isSaving(update)) return { ...s, progress: update };
          return { ...s, saving: { done: update.done, total: update.total } };
        }),
      );
      setState({ step: 'done', file, plan, outcome });
      if (outcome.status === 'imported') props.onImported();
    } catch (e) {
      setState({ step: 'error', problem: asProblem(e) });
    }
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setState({ step: 'reading' });
    const mode = checkOnly ? 'check' : 'import';
    try {
      const preview = await props.worker.preview(file);
      if (preview.format === 'json' || preview.kind) {
        await run(file, {
          ...(preview.kind ? { kind: preview.kind } : {}),
          mode,
          validOnly: false,
        });
        return;
      }
      const signature = headerSignature(preview.header);
      const saved = (await props.mappings.list()).find((m) => m.signature === signature);
      if (saved && mappingProblems(saved.mapping).length === 0) {
        await run(file, { kind: 'csv', mapping: saved.mapping, mode, validOnly: false });
        return;
      }
      setState({
        step: 'mapping',
        file,
        preview,
        mapping: suggestMapping(preview.header),
        remember: true,
      });
    } catch (e) {
      setState({ step: 'error', problem: asProblem(e) });
    } finally {
      if (input.current) input.current.value = '';
    }
  };

  const busy = state.step === 'reading' || state.step === 'running';
  const status = (() => {
    switch (state.step) {
      case 'idle':
        return t('importIdle');
      case 'reading':
        return t('importReading');
      case 'mapping':
        return t('importNeedsMapping');
      case 'running': {
        const p = state.progress;
        if (state.saving) {
          return t(
            'importSaving',
            // The rows that go in: rejected ones are left out (valid rows only).
            ((p?.rows ?? 0) - (p?.rejected ?? 0)).toLocaleString('en-US'),
            String(state.saving.done),
            String(state.saving.total),
          );
        }
        if (!p) return t('importStarting');
        const rate = p.ms > 0 ? Math.round((p.rows / p.ms) * 1000) : 0;
        return t('importProgress', p.rows.toLocaleString('en-US'), rate.toLocaleString('en-US'));
      }
      case 'done':
        return outcomeText(state.outcome);
      case 'error':
        return problemText(state.problem);
    }
  })();

  const downloadReport = (o: ImportOutcome) => {
    const csv = toCsv(
      ['row', 'column', 'reason'],
      o.rejects.map((r) => [r.row, r.column, r.reason]),
    );
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'tandem-import-report.csv';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <section aria-labelledby="imports-heading">
      <h2 id="imports-heading">{t('optionsImportsHeading')}</h2>
      <p className="muted">{t('importHelp')}</p>
      <div className="actions">
        <label>
          {t('importChoose')}{' '}
          <input
            ref={input}
            type="file"
            data-testid="import-file"
            accept=".json,.csv,.tsv,.txt,application/json,text/csv,text/tab-separated-values"
            disabled={busy}
            onChange={(e) => void onFile(e.currentTarget.files?.[0])}
          />
        </label>
        <label>
          <input
            type="checkbox"
            checked={checkOnly}
            onChange={(e) => setCheckOnly(e.currentTarget.checked)}
          />{' '}
          {t('importCheckOnly')}
        </label>
      </div>
      {state.step === 'running' && (
        <div className="actions">
          {state.saving ? (
            <progress
              max={Math.max(1, state.saving.total)}
              value={state.saving.done}
              aria-label={t('importSavingLabel')}
            />
          ) : (
            <progress
              max={state.progress?.total ?? 1}
              value={state.progress?.bytes ?? 0}
              aria-label={t('importProgressLabel')}
            />
          )}
          <button type="button" onClick={() => props.worker.cancel()}>
            {t('importCancel')}
          </button>
        </div>
      )}
      <p
        data-testid="import-status"
        role="status"
        aria-live="polite"
        className={
          state.step === 'error' || (state.step === 'done' && state.outcome.status === 'failed')
            ? 'error'
            : undefined
        }
      >
        {status}
      </p>
      {state.step === 'mapping' && (
        <MappingStep
          preview={state.preview}
          mapping={state.mapping}
          remember={state.remember}
          onChange={(mapping, remember) => setState({ ...state, mapping, remember })}
          onCancel={() => setState({ step: 'idle' })}
          onRun={async () => {
            if (state.remember) {
              await props.mappings.save({
                signature: headerSignature(state.preview.header),
                mapping: state.mapping,
                savedAt: (props.clock ?? Date.now)(),
              });
            }
            await run(state.file, {
              kind: 'csv',
              mapping: state.mapping,
              mode: checkOnly ? 'check' : 'import',
              validOnly: false,
            });
          }}
        />
      )}
      {state.step === 'done' && state.outcome.status === 'rejected' && (
        <div className="actions">
          <button
            type="button"
            onClick={() => void run(state.file, { ...state.plan, mode: 'import', validOnly: true })}
          >
            {t(
              'importValidRows',
              (state.outcome.counts.rows - state.outcome.counts.rejected).toLocaleString('en-US'),
            )}
          </button>
          <button type="button" onClick={() => setState({ step: 'idle' })}>
            {t('importNothing')}
          </button>
        </div>
      )}
      {state.step === 'done' && state.outcome.rejects.length > 0 && (
        <details open={state.outcome.status !== 'imported'}>
          <summary>
            {t('importReportHeading', state.outcome.counts.rejected.toLocaleString('en-US'))}
          </summary>
          <table data-testid="import-report">
            <thead>
              <tr>
                <th scope="col">{t('importColRow')}</th>
                <th scope="col">{t('importColColumn')}</th>
                <th scope="col">{t('importColReason')}</th>
              </tr>
            </thead>
            <tbody>
              {state.outcome.rejects.slice(0, SHOWN_REJECTS).map((r, i) => (
                <tr key={i}>
                  <td>{r.row}</td>
                  <td>{r.column}</td>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {state.outcome.counts.rejected > SHOWN_REJECTS && (
            <p className="muted">
              {t(
                'importMoreRejects',
                (state.outcome.counts.rejected - SHOWN_REJECTS).toLocaleString('en-US'),
              )}
            </p>
          )}
          <button type="button" onClick={() => downloadReport(state.outcome)}>
            {t('importDownloadReport')}
          </button>
        </details>
      )}
    </section>
  );
}

function MappingStep(props: {
  preview: FilePreview;
  mapping: ColumnMapping;
  remember: boolean;
  onChange: (m: ColumnMapping, remember: boolean) => void;
  onRun: () => Promise<void>;
  onCancel: () => void;
}) {
  const { preview, mapping } = props;
  const fields: readonly string[] =
    mapping.target === 'touches' ? TouchField.options : LeadField.options;
  const columns = mapping.columns as Record<string, string | undefined>;
  const missing = mappingProblems(mapping);
  return (
    <fieldset data-testid="import-mapping">
      <legend>{t('importMappingHeading')}</legend>
      <label>
        {t('importMappingTarget')}{' '}
        <select
          value={mapping.target}
          onChange={(e) =>
            props.onChange(
              { target: e.currentTarget.value as 'touches' | 'leads', columns: {} },
              props.remember,
            )
          }
        >
          <option value="touches">{t('importTargetTouches')}</option>
          <option value="leads">{t('importTargetLeads')}</option>
        </select>
      </label>
      <div className="mapping-grid">
        {fields.map((field) => (
          <label key={field}>
            <span>{field}</span>
            <select
              value={columns[field] ?? ''}
              onChange={(e) => {
                const next = { ...columns, [field]: e.currentTarget.value || undefined };
                props.onChange({ ...mapping, columns: next } as ColumnMapping, props.remember);
              }}
            >
              <option value="">{t('importMappingNone')}</option>
              {preview.header.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <table data-testid="import-preview">
        <caption>{t('importPreviewCaption', String(preview.rows.length))}</caption>
        <thead>
          <tr>
            {preview.header.map((h, i) => (
              <th scope="col" key={i}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.slice(0, 5).map((row, i) => (
            <tr key={i}>
              {row.map((cell, k) => (
                <td key={k}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <label>
        <input
          type="checkbox"
          checked={props.remember}
          onChange={(e) => props.onChange(mapping, e.currentTarget.checked)}
        />{' '}
        {t('importRemember')}
      </label>
      {missing.length > 0 && <p role="alert">{t('importMappingMissing', missing.join(', '))}</p>}
      <div className="actions">
        <button type="button" disabled={missing.length > 0} onClick={() => void props.onRun()}>
          {t('importRun')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('importNothing')}
        </button>
      </div>
    </fieldset>
  );
}
