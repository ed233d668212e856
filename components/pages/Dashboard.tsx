import type { DashboardData } from '../../lib/dashboard/schema';
import { RANGE_PRESETS, type RangePreset } from '../../lib/dashboard/time';
import { t } from '../../lib/i18n';
import { count } from '../dashboard/format';
import {
  FeedbackSection,
  InsightsSection,
  LeadsSection,
  RepsSection,
  UnusedSection,
  UsageSection,
} from '../dashboard/sections';
import type { DashboardState } from '../dashboard/useDashboard';
import '../dashboard/dashboard.css';

export interface DashboardFilters {
  range: RangePreset;
  campaignId: string;
  search: string;
}

const RANGE_KEYS = {
  '7d': 'dashRange7d',
  '30d': 'dashRange30d',
  '90d': 'dashRange90d',
  '365d': 'dashRange365d',
  all: 'dashRangeAll',
} as const;

/** The marketer dashboard: filters on top, then every section over the same numbers. */
export function Dashboard(props: {
  state: DashboardState;
  filters: DashboardFilters;
  onFilters: (f: DashboardFilters) => void;
  onRetry: () => void;
  onPrint: () => void;
}) {
  const { state, filters } = props;
  const data: DashboardData | undefined =
    state.kind === 'ready' ? state.data : state.kind === 'error' ? state.stale : undefined;
  const set = (patch: Partial<DashboardFilters>) => props.onFilters({ ...filters, ...patch });
  const campaigns = data?.campaigns ?? [];

  return (
    <main
      className="dashboard"
      aria-busy={state.kind === 'loading' || (state.kind === 'ready' && state.refreshing)}
    >
      <header className="dash-header">
        <h1>{t('dashboardTitle')}</h1>
        <form className="filters no-print" onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('dashRange')}{' '}
            <select
              data-testid="filter-range"
              value={filters.range}
              onChange={(e) => set({ range: e.target.value as RangePreset })}
            >
              {RANGE_PRESETS.map((r) => (
                <option key={r} value={r}>
                  {t(RANGE_KEYS[r])}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('dashColCampaign')}{' '}
            <select
              data-testid="filter-campaign"
              value={filters.campaignId}
              onChange={(e) => set({ campaignId: e.target.value })}
            >
              <option value="">{t('dashAllCampaigns')}</option>
              {campaigns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={props.onPrint} data-testid="print">
            {t('dashPrint')}
          </button>
        </form>
        <nav aria-label={t('dashSections')} className="no-print">
          <ul className="toc">
            <li>
              <a href="#dash-usage-h">{t('dashUsageTitle')}</a>
            </li>
            <li>
              <a href="#dash-unused-h">{t('dashUnusedTitle')}</a>
            </li>
            <li>
              <a href="#dash-feedback-h">{t('dashFeedbackTitle')}</a>
            </li>
            <li>
              <a href="#dash-leads-h">{t('dashLeadsTitle')}</a>
            </li>
            <li>
              <a href="#dash-insights-h">{t('dashInsightsTitle')}</a>
            </li>
            <li>
              <a href="#dash-reps-h">{t('dashRepsTitle')}</a>
            </li>
          </ul>
        </nav>
      </header>

      {state.kind === 'loading' && (
        <p role="status" data-testid="dashboard-loading">
          {t('dashLoading')}
        </p>
      )}
      {state.kind === 'error' && (
        <div role="alert" className="error" data-testid="dashboard-error">
          <p>{t('dashError', state.message)}</p>
          <button type="button" onClick={props.onRetry}>
            {t('retry')}
          </button>
        </div>
      )}
      {state.kind === 'ready' && state.refreshing && (
        <p role="status" className="muted">
          {t('dashRefreshing')}
        </p>
      )}

      {data && (
        <>
          {data.stats.scanned === 0 ? (
            <div className="empty-state" data-testid="dashboard-empty">
              <h2>{t('dashEmptyTitle')}</h2>
              <p>{t('dashEmptyHow')}</p>
              <p>{t('dashEmptyHub')}</p>
            </div>
          ) : (
            data.totals.events === 0 && (
              <p className="empty-state" data-testid="dashboard-empty-range">
                {t('dashEmptyRange')}
              </p>
            )
          )}
          <dl className="totals" data-testid="totals">
            <div>
              <dt>{t('dashTotalUsage')}</dt>
              <dd data-testid="total-usage">{count(data.totals.usage)}</dd>
            </div>
            <div>
              <dt>{t('dashTotalFeedback')}</dt>
              <dd data-testid="total-feedback">{count(data.totals.feedback)}</dd>
            </div>
            <div>
              <dt>{t('dashTotalVerdicts')}</dt>
              <dd data-testid="total-verdicts">{count(data.totals.verdicts)}</dd>
            </div>
            <div>
              <dt>{t('dashTotalInsights')}</dt>
              <dd data-testid="total-insights">{count(data.totals.insights)}</dd>
            </div>
          </dl>
          <UsageSection data={data} />
          <UnusedSection data={data} />
          <FeedbackSection data={data} />
          <LeadsSection data={data} />
          <InsightsSection
            data={data}
            search={filters.search}
            onSearch={(search) => set({ search })}
          />
          <RepsSection data={data} />
          <footer className="muted dash-footer" data-testid="dashboard-source">
            {data.source === 'hub' ? t('dashSourceHub') : t('dashSourceLocal')}{' '}
            {data.stats.aggregateMs !== undefined &&
              t(
                'dashComputed',
                count(data.stats.scanned),
                Math.round(data.stats.readMs ?? 0),
                Math.round(data.stats.aggregateMs),
              )}
          </footer>
        </>
      )}
    </main>
  );
}
