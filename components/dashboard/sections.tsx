/** The dashboard's sections: each a chart (where one helps) and sortable, exportable tables. */
import { useState } from 'react';
import type {
  AssetUsageRow,
  DashboardData,
  FeedbackRow,
  GroupShare,
  LabelCount,
  OverdueMql,
  RepRow,
  UnusedAsset,
  VerdictGroup,
} from '../../lib/dashboard/schema';
import { t } from '../../lib/i18n';
import { BarChart } from './BarChart';
import { DataTable, type Column } from './DataTable';
import { count, date, percent, weekLabel } from './format';

const TOP = 10;
const none = (label: string) => label || t('dashNone');
const labels = (list: LabelCount[]) =>
  list.map((p) => `${none(p.label)} (${p.count})`).join(', ') || '–';

function Section(props: { id: string; title: string; intro: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${props.id}-h`} className="dash-section" data-testid={props.id}>
      <h2 id={`${props.id}-h`}>{props.title}</h2>
      <p className="muted">{props.intro}</p>
      {props.children}
    </section>
  );
}

export function UsageSection({ data }: { data: DashboardData }) {
  const tz = data.timeZone;
  const used = data.assets.filter((a) => a.copied + a.sent > 0).slice(0, TOP);
  const columns: Column<AssetUsageRow>[] = [
    { id: 'title', header: t('dashColAsset'), value: (r) => r.title },
    { id: 'campaign', header: t('dashColCampaign'), value: (r) => r.campaignName ?? '' },
    { id: 'copied', header: t('dashColCopied'), value: (r) => r.copied, numeric: true },
    { id: 'sent', header: t('dashColSent'), value: (r) => r.sent, numeric: true },
    { id: 'reps', header: t('dashColReps'), value: (r) => r.reps, numeric: true },
    { id: 'leads', header: t('dashColLeads'), value: (r) => r.leads, numeric: true },
    { id: 'opened', header: t('dashColOpened'), value: (r) => r.leadsOpened, numeric: true },
    {
      id: 'openRate',
      header: t('dashColOpenRate'),
      value: (r) => r.openRate,
      render: (r) => percent(r.openRate),
      numeric: true,
    },
    { id: 'personas', header: t('dashColPersonas'), value: (r) => labels(r.personas) },
    { id: 'stages', header: t('dashColStages'), value: (r) => labels(r.stages) },
    {
      id: 'last',
      header: t('dashColLastUsed'),
      value: (r) => r.lastUsedAt,
      render: (r) => date(r.lastUsedAt, tz),
    },
  ];
  return (
    <Section id="dash-usage" title={t('dashUsageTitle')} intro={t('dashUsageIntro')}>
      <div className="charts">
        <BarChart
          testId="chart-usage-trend"
          title={t('dashChartTrend')}
          categories={data.weeks.map((w) => weekLabel(w, tz))}
          series={[
            { label: t('dashColCopied'), values: data.weeklyCopied },
            { label: t('dashColSent'), values: data.weeklySent },
          ]}
        />
        {used.length > 0 && (
          <BarChart
            testId="chart-top-assets"
            title={t('dashChartTopAssets', TOP)}
            horizontal
            categories={used.map((a) => a.title)}
            series={[
              { label: t('dashColCopied'), values: used.map((a) => a.copied) },
              { label: t('dashColSent'), values: used.map((a) => a.sent) },
            ]}
          />
        )}
      </div>
      <DataTable
        testId="usage-table"
        caption={t('dashUsageTable')}
        fileName="asset-usage.csv"
        columns={columns}
        rows={data.assets}
        rowKey={(r) => r.assetId}
        empty={t('dashUsageEmpty')}
      />
    </Section>
  );
}

export function UnusedSection({ data }: { data: DashboardData }) {
  const [days, setDays] = useState(data.unused.windows[0]?.days ?? 30);
  const tz = data.timeZone;
  const window = data.unused.windows.find((w) => w.days === days) ?? data.unused.windows[0];
  const groupColumns = (first: string): Column<GroupShare>[] => [
    { id: 'label', header: first, value: (r) => none(r.label) },
    { id: 'total', header: t('dashColAssets'), value: (r) => r.total, numeric: true },
    { id: 'unused', header: t('dashColUnused'), value: (r) => r.unused, numeric: true },
  ];
  const assetColumns: Column<UnusedAsset>[] = [
    { id: 'title', header: t('dashColAsset'), value: (r) => r.title },
    { id: 'campaign', header: t('dashColCampaign'), value: (r) => r.campaignName ?? '' },
    { id: 'stages', header: t('dashColFunnel'), value: (r) => r.stages.join(', ') },
    {
      id: 'published',
      header: t('dashColPublished'),
      value: (r) => r.publishedAt,
      render: (r) => date(r.publishedAt, tz),
    },
    {
      id: 'last',
      header: t('dashColLastUsed'),
      value: (r) => r.lastUsedAt,
      render: (r) => (r.lastUsedAt === undefined ? t('dashNever') : date(r.lastUsedAt, tz)),
    },
  ];
  const unused = data.unused.assets.filter((a) => a.unusedIn.includes(days));
  return (
    <Section id="dash-unused" title={t('dashUnusedTitle')} intro={t('dashUnusedIntro')}>
      <fieldset className="segmented no-print">
        <legend>{t('dashUnusedWindow')}</legend>
        {data.unused.windows.map((w) => (
          <label key={w.days}>
            <input
              type="radio"
              name="unused-window"
              checked={w.days === days}
              onChange={() => setDays(w.days)}
            />
            {t('dashDays', w.days)}
          </label>
        ))}
      </fieldset>
      {window && (
        <p className="kpi" data-testid="unused-share">
          {t(
            'dashLibraryInUse',
            percent(window.share),
            count(window.inUse),
            count(window.library),
            window.days,
          )}
        </p>
      )}
      <div className="two-col">
        <DataTable
          testId="unused-by-campaign"
          caption={t('dashUnusedByCampaign', days)}
          fileName={`unused-${days}d-by-campaign.csv`}
          columns={groupColumns(t('dashColCampaign'))}
          rows={window?.byCampaign ?? []}
          rowKey={(r) => r.key}
          empty={t('dashLibraryEmpty')}
          filterable={false}
        />
        <DataTable
          testId="unused-by-stage"
          caption={t('dashUnusedByStage', days)}
          fileName={`unused-${days}d-by-stage.csv`}
          columns={groupColumns(t('dashColFunnel'))}
          rows={window?.byStage ?? []}
          rowKey={(r) => r.key}
          empty={t('dashLibraryEmpty')}
          filterable={false}
        />
      </div>
      <DataTable
        testId="unused-assets"
        caption={t('dashUnusedAssets', days)}
        fileName={`unused-${days}d.csv`}
        columns={assetColumns}
        rows={unused}
        rowKey={(r) => r.assetId}
        empty={t('dashUnusedNone', days)}
      />
    </Section>
  );
}

export function FeedbackSection({ data }: { data: DashboardData }) {
  const [selected, setSelected] = useState<string | null>(null);
  const tz = data.timeZone;
  const row = data.feedback.find((f) => f.assetId === selected) ?? null;
  const columns: Column<FeedbackRow>[] = [
    {
      id: 'title',
      header: t('dashColAsset'),
      value: (r) => r.title,
      render: (r) => (
        <>
          {r.title}{' '}
          {r.falling && (
            <span className="badge warn" data-testid="feedback-falling">
              {t('dashFalling')}
            </span>
          )}
        </>
      ),
    },
    { id: 'total', header: t('dashColRatings'), value: (r) => r.total, numeric: true },
    { id: 'useful', header: t('dashRatingUseful'), value: (r) => r.useful, numeric: true },
    {
      id: 'notRelevant',
      header: t('dashRatingNotRelevant'),
      value: (r) => r.notRelevant,
      numeric: true,
    },
    { id: 'outdated', header: t('dashRatingOutdated'), value: (r) => r.outdated, numeric: true },
    {
      id: 'missingInfo',
      header: t('dashRatingMissingInfo'),
      value: (r) => r.missingInfo,
      numeric: true,
    },
    {
      id: 'rate',
      header: t('dashColUsefulRate'),
      value: (r) => r.usefulRate,
      render: (r) => percent(r.usefulRate),
      numeric: true,
    },
    {
      id: 'trend',
      header: t('dashColTrend'),
      value: (r) =>
        r.earlierRate === null ? '' : `${percent(r.earlierRate)} → ${percent(r.recentRate)}`,
    },
    { id: 'reasons', header: t('dashColReasons'), value: (r) => labels(r.reasons) },
    {
      id: 'notes',
      header: t('dashColNotes'),
      value: (r) => r.notesTotal,
      numeric: true,
      render: (r) =>
        r.notesTotal === 0 ? (
          '0'
        ) : (
          <button
            type="button"
            className="link"
            aria-pressed={selected === r.assetId}
            onClick={() => setSelected(selected === r.assetId ? null : r.assetId)}
            aria-label={t('dashShowNotes', r.title)}
          >
            {count(r.notesTotal)}
          </button>
        ),
    },
  ];
  return (
    <Section id="dash-feedback" title={t('dashFeedbackTitle')} intro={t('dashFeedbackIntro')}>
      <DataTable
        testId="feedback-table"
        caption={t('dashFeedbackTable')}
        fileName="content-feedback.csv"
        columns={columns}
        rows={data.feedback}
        rowKey={(r) => r.assetId}
        empty={t('dashFeedbackEmpty')}
      />
      {row && (
        <div className="notes" data-testid="feedback-notes">
          <h3>{t('dashNotesFor', row.title)}</h3>
          <ol>
            {row.notes.map((n) => (
              <li key={n.id}>
                <span className="muted">
                  {date(n.at, tz)} · {n.repName} · {ratingLabel(n.rating)}
                  {n.reasons.length > 0 && ` · ${n.reasons.join(', ')}`}
                </span>
                {n.note && <blockquote>{n.note}</blockquote>}
              </li>
            ))}
          </ol>
          {row.notesTotal > row.notes.length && (
            <p className="muted">{t('dashNotesMore', row.notes.length, row.notesTotal)}</p>
          )}
        </div>
      )}
    </Section>
  );
}

function ratingLabel(r: string): string {
  switch (r) {
    case 'useful':
      return t('dashRatingUseful');
    case 'not_relevant':
      return t('dashRatingNotRelevant');
    case 'outdated':
      return t('dashRatingOutdated');
    default:
      return t('dashRatingMissingInfo');
  }
}

export function LeadsSection({ data }: { data: DashboardData }) {
  const q = data.leads;
  const tz = data.timeZone;
  const groupColumns = (first: string): Column<VerdictGroup>[] => [
    { id: 'label', header: first, value: (r) => none(r.label) },
    { id: 'accepted', header: t('dashColAccepted'), value: (r) => r.accepted, numeric: true },
    { id: 'rejected', header: t('dashColRejected'), value: (r) => r.rejected, numeric: true },
    {
      id: 'rate',
      header: t('dashColAcceptance'),
      value: (r) => r.rate,
      render: (r) => percent(r.rate),
      numeric: true,
    },
  ];
  const table = (id: string, caption: string, first: string, rows: VerdictGroup[]) => (
    <DataTable
      testId={id}
      caption={caption}
      fileName={`${id}.csv`}
      columns={groupColumns(first)}
      rows={rows}
      rowKey={(r) => r.key}
      empty={t('dashVerdictsEmpty')}
    />
  );
  const overdueColumns: Column<OverdueMql>[] = [
    { id: 'name', header: t('dashColLead'), value: (r) => r.name },
    { id: 'company', header: t('dashColCompany'), value: (r) => r.company ?? '' },
    {
      id: 'since',
      header: t('dashColMqlSince'),
      value: (r) => r.since,
      render: (r) => date(r.since, tz),
    },
    { id: 'due', header: t('dashColDue'), value: (r) => r.dueAt, render: (r) => date(r.dueAt, tz) },
    { id: 'late', header: t('dashColHoursOverdue'), value: (r) => r.hoursOverdue, numeric: true },
  ];
  const top = q.byCampaign.slice(0, TOP);
  return (
    <Section id="dash-leads" title={t('dashLeadsTitle')} intro={t('dashLeadsIntro')}>
      <p className="kpi" data-testid="acceptance">
        {t('dashAcceptance', percent(q.rate), count(q.accepted), count(q.rejected))}
      </p>
      {top.length > 0 && (
        <BarChart
          testId="chart-verdicts"
          title={t('dashChartVerdicts')}
          horizontal
          categories={top.map((g) => none(g.label))}
          series={[
            { label: t('dashColAccepted'), values: top.map((g) => g.accepted) },
            { label: t('dashColRejected'), values: top.map((g) => g.rejected) },
          ]}
        />
      )}
      {table('verdicts-by-campaign', t('dashByCampaign'), t('dashColCampaign'), q.byCampaign)}
      <div className="two-col">
        {table('verdicts-by-source', t('dashBySource'), t('dashColSource'), q.bySource)}
        {table('verdicts-by-persona', t('dashByPersona'), t('dashColPersona'), q.byPersona)}
      </div>
      <DataTable
        testId="rejection-reasons"
        caption={t('dashRejectionReasons')}
        fileName="rejection-reasons.csv"
        columns={[
          { id: 'label', header: t('dashColReason'), value: (r) => r.label },
          { id: 'count', header: t('dashColRejected'), value: (r) => r.count, numeric: true },
          {
            id: 'share',
            header: t('dashColShare'),
            value: (r) => r.share,
            render: (r) => percent(r.share),
            numeric: true,
          },
        ]}
        rows={q.reasons}
        rowKey={(r) => r.key}
        empty={t('dashReasonsEmpty')}
        filterable={false}
      />
      <h3>{t('dashOverdueTitle', q.slaHours ?? '–')}</h3>
      <p className="muted">{t('dashOverdueIntro', count(q.overdueTotal))}</p>
      <DataTable
        testId="overdue-mqls"
        caption={t('dashOverdueTable')}
        fileName="mqls-past-sla.csv"
        columns={overdueColumns}
        rows={q.overdue}
        rowKey={(r) => r.leadKey}
        empty={t('dashOverdueEmpty')}
      />
    </Section>
  );
}

export function InsightsSection(props: {
  data: DashboardData;
  search: string;
  onSearch: (s: string) => void;
}) {
  const { data } = props;
  const ins = data.insights;
  return (
    <Section id="dash-insights" title={t('dashInsightsTitle')} intro={t('dashInsightsIntro')}>
      <label className="search no-print">
        {t('dashInsightSearch')}{' '}
        <input
          type="search"
          value={props.search}
          onChange={(e) => props.onSearch(e.target.value)}
          data-testid="insight-search"
        />
      </label>
      <p className="muted" data-testid="insight-count" aria-live="polite">
        {t('dashInsightCount', count(ins.matched), count(ins.total))}
      </p>
      {ins.tags.length > 0 && (
        <ul className="tags" aria-label={t('dashTagCounts')}>
          {ins.tags.slice(0, 30).map((tag) => (
            <li key={tag.key}>
              <button
                type="button"
                className="tag"
                onClick={() => props.onSearch(tag.label)}
                aria-label={t('dashSearchTag', tag.label, tag.count)}
              >
                {tag.label} <span className="tag-count">{tag.count}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <DataTable
        testId="insights-table"
        caption={t('dashInsightsTable')}
        fileName="field-insights.csv"
        columns={[
          {
            id: 'at',
            header: t('dashColDate'),
            value: (r) => r.at,
            render: (r) => date(r.at, data.timeZone),
          },
          { id: 'category', header: t('dashColCategory'), value: (r) => categoryLabel(r.category) },
          { id: 'text', header: t('dashColInsight'), value: (r) => r.text },
          { id: 'tags', header: t('dashColTags'), value: (r) => r.tags.join(', ') },
          { id: 'rep', header: t('dashColRep'), value: (r) => r.repName },
        ]}
        rows={ins.items}
        rowKey={(r) => r.id}
        empty={t('dashInsightsEmpty')}
        filterable={false}
      />
    </Section>
  );
}

function categoryLabel(c: string): string {
  switch (c) {
    case 'objection':
      return t('dashCatObjection');
    case 'competitor':
      return t('dashCatCompetitor');
    case 'product_gap':
      return t('dashCatProductGap');
    case 'market_trend':
      return t('dashCatTrend');
    default:
      return t('dashCatOther');
  }
}

export function RepsSection({ data }: { data: DashboardData }) {
  const columns: Column<RepRow>[] = [
    { id: 'name', header: t('dashColRep'), value: (r) => r.name },
    { id: 'email', header: t('dashColEmail'), value: (r) => r.email },
    { id: 'copied', header: t('dashColCopied'), value: (r) => r.copied, numeric: true },
    { id: 'sent', header: t('dashColSent'), value: (r) => r.sent, numeric: true },
    { id: 'assets', header: t('dashColAssets'), value: (r) => r.assets, numeric: true },
    { id: 'feedback', header: t('dashColRatings'), value: (r) => r.feedback, numeric: true },
    { id: 'accepted', header: t('dashColAccepted'), value: (r) => r.accepted, numeric: true },
    { id: 'rejected', header: t('dashColRejected'), value: (r) => r.rejected, numeric: true },
    { id: 'insights', header: t('dashColInsights'), value: (r) => r.insights, numeric: true },
    {
      id: 'last',
      header: t('dashColLastActive'),
      value: (r) => r.lastActiveAt,
      render: (r) => date(r.lastActiveAt, data.timeZone),
    },
  ];
  return (
    <Section id="dash-reps" title={t('dashRepsTitle')} intro={t('dashRepsIntro')}>
      <DataTable
        testId="reps-table"
        caption={t('dashRepsTable')}
        fileName="reps.csv"
        columns={columns}
        rows={data.reps}
        rowKey={(r) => r.email}
        empty={t('dashRepsEmpty')}
      />
    </Section>
  );
}
