import { StrictMode, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Dashboard, type DashboardFilters } from '../../components/pages/Dashboard';
import { useDashboard } from '../../components/dashboard/useDashboard';
import type { DashboardQuery } from '../../lib/dashboard/schema';
import { localSource } from '../../lib/dashboard/source';
import { rangeFor } from '../../lib/dashboard/time';
import { t } from '../../lib/i18n';
import { send } from '../../lib/messaging/client';
import '../../components/pages/pages.css';

// The local source until a team hub is connected (then the hub's aggregates, same shape).
const source = localSource((query) => send('getDashboard', query));
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function App() {
  const [filters, setFilters] = useState<DashboardFilters>({
    range: '90d',
    campaignId: '',
    search: '',
  });
  // A range is "the last N days" as of when it was chosen.
  const [now, setNow] = useState(() => Date.now());
  // Typing in the insight search asks again only once the typing pauses.
  const [search, setSearch] = useState(filters.search);
  useEffect(() => {
    const id = setTimeout(() => setSearch(filters.search), 300);
    return () => clearTimeout(id);
  }, [filters.search]);
  const deferredSearch = useDeferredValue(search);
  const query = useMemo<DashboardQuery>(() => {
    const { from } = rangeFor(filters.range, now, timeZone);
    const text = deferredSearch.trim();
    return {
      timeZone,
      ...(from !== undefined ? { from } : {}),
      ...(filters.campaignId ? { campaignId: filters.campaignId } : {}),
      ...(text ? { insightSearch: text } : {}),
    };
  }, [filters.range, filters.campaignId, deferredSearch, now]);
  const [state, retry] = useDashboard(source, query);
  return (
    <Dashboard
      state={state}
      filters={filters}
      onFilters={(f) => {
        if (f.range !== filters.range) setNow(Date.now());
        setFilters(f);
      }}
      onRetry={retry}
      onPrint={() => window.print()}
    />
  );
}

document.title = t('dashboardTitle');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
