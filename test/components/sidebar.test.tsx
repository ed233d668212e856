import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { t } from '../../lib/i18n';
import { Sidebar, type SidebarState } from '../../components/sidebar/Sidebar';
import { relativeTime } from '../../components/ui/format';
import { matchedContext, noHistory, NOW, sectionsBelow } from './context-fixture';

afterEach(cleanup);

/** Renders the sidebar and, for a matched record, waits for the sections below its first screen. */
async function showAll(state: SidebarState, extra: Partial<Parameters<typeof Sidebar>[0]> = {}) {
  const rendered = show(state, extra);
  await sectionsBelow();
  return rendered;
}

function show(state: SidebarState, extra: Partial<Parameters<typeof Sidebar>[0]> = {}) {
  return render(
    <Sidebar
      state={state}
      now={NOW}
      timeZone="UTC"
      collapsed={false}
      onToggleCollapsed={() => {}}
      onRetry={() => {}}
      {...extra}
    />,
  );
}

describe('Sidebar states', () => {
  it('loading: announces it politely and shows no record yet', () => {
    show({ kind: 'loading' });
    expect(screen.getByRole('status').textContent).toMatch(/Loading marketing data/);
    expect(screen.queryByTestId('record')).toBeNull();
  });

  it('error: says what went wrong and offers a retry', () => {
    const onRetry = vi.fn();
    show({ kind: 'error', message: 'the store is unavailable' }, { onRetry });
    expect(screen.getByRole('alert').textContent).toMatch(/the store is unavailable/);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('no-history: shows what was detected and the record attributes', () => {
    show({ kind: 'ready', context: noHistory });
    const record = screen.getByTestId('record');
    expect(record.dataset).toMatchObject({
      crm: 'salesforce',
      objectType: 'lead',
      recordId: '00Q5g00000ABCDeEAP',
    });
    expect(screen.getByTestId('no-history').textContent).toMatch(
      /dana\.whitfield@northwind-analytics\.com/,
    );
    expect(screen.getByTestId('record-name').textContent).toBe('Dana Whitfield');
    expect(screen.queryAllByTestId('touch')).toHaveLength(0);
  });

  it('collapsed: a single labelled tab that expands', () => {
    const onToggle = vi.fn();
    show({ kind: 'loading' }, { collapsed: true, onToggleCollapsed: onToggle });
    fireEvent.click(screen.getByRole('button', { name: 'Open the Tandem sidebar' }));
    expect(onToggle).toHaveBeenCalledOnce();
    expect(screen.queryByRole('complementary')).toBeNull();
  });
});

describe('Sidebar with a matched lead', () => {
  it('renders the test contract ids with the context values', async () => {
    await showAll({ kind: 'ready', context: matchedContext() });
    expect(screen.getByRole('complementary', { name: /Tandem/ })).toBeTruthy();
    expect(screen.getByTestId('record-name').textContent).toBe('Dana Whitfield');
    expect(screen.getByTestId('record-email').textContent).toBe(
      'dana.whitfield@northwind-analytics.com',
    );
    expect(screen.getByTestId('persona-top').textContent).toBe('Demand Gen Leader · 85% match');
    expect(screen.getByTestId('score-total').textContent).toBe('62.5');
    expect(screen.getAllByTestId('score-rule').map((r) => r.dataset.ruleId)).toEqual([
      'fit-director',
      'eng-pricing',
      'eng-webinar',
      'neg-bounce',
    ]);
    expect(screen.getAllByTestId('touch').map((t) => t.dataset.touchType)).toEqual([
      'page_viewed',
      'email_clicked',
    ]);
    expect(screen.getAllByTestId('asset').map((a) => a.dataset.assetId)).toEqual(['a1', 'a2']);
  });

  it('commits the first screen at once and the sections below it after the next frame', async () => {
    show({ kind: 'ready', context: matchedContext() });
    expect(screen.getByTestId('record-name').textContent).toBe('Dana Whitfield');
    expect(screen.getByTestId('score-total').textContent).toBe('62.5');
    expect(screen.queryByTestId('persona-top')).toBeNull();
    expect(screen.queryAllByTestId('touch')).toHaveLength(0);
    expect(screen.getByRole('status').textContent).toBe(t('sidebarLoadingMore'));
    await sectionsBelow();
    expect(screen.getByTestId('persona-top')).toBeTruthy();
    expect(screen.getAllByTestId('touch').length).toBeGreaterThan(0);
  });

  it('explains the match, the SLA and the freshness of the data', async () => {
    await showAll({ kind: 'ready', context: matchedContext() });
    expect(screen.getByTestId('match').textContent).toBe(
      'Matched by CRM record id (100% confident)',
    );
    expect(screen.getByTestId('sla').textContent).toMatch(
      /^MQL for 51 h: follow-up was due 3 ?h(ours?|r\.?)? ago$/,
    );
    expect(screen.getByTestId('freshness').textContent).toMatch(/updated 3 ?h(ours?|r\.?)? ago/);
  });

  it('says which stage the score points to when it is not the lead’s stage', async () => {
    const base = matchedContext();
    const at = (stage: 'lead' | 'mql', suggestion: 'lead' | 'mql' | 'sql') =>
      matchedContext({
        lead: { ...base.lead, stage },
        sla: { ...base.sla, stage },
        score: { ...base.score, stageSuggestion: suggestion },
      });
    // The fixture's MQL whose score says MQL: nothing to add.
    await showAll({ kind: 'ready', context: base });
    expect(screen.queryByTestId('stage-suggestion')).toBeNull();
    cleanup();
    // A lead past the MQL threshold.
    await showAll({ kind: 'ready', context: at('lead', 'mql') });
    expect(screen.getByTestId('stage').textContent).toBe('Lead');
    expect(screen.getByTestId('stage-suggestion').textContent).toBe('the score says MQL');
    cleanup();
    // An MQL whose score has decayed below the threshold.
    await showAll({ kind: 'ready', context: at('mql', 'lead') });
    expect(screen.getByTestId('stage-suggestion').textContent).toBe('the score says Lead');
  });

  it('opens what sales and marketing agreed the stage means from the stage itself', async () => {
    const base = matchedContext();
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const stages = [
      {
        stage: 'lead' as const,
        label: 'Lead',
        criteria: `Engaged beyond the newsletter ${hostile}`,
      },
      { stage: 'mql' as const, label: 'Marketing Qualified Lead (MQL)', criteria: 'Score of 60+' },
    ];
    await showAll({
      kind: 'ready',
      context: matchedContext({
        lead: { ...base.lead, stage: 'lead' },
        sla: { ...base.sla, stage: 'lead' },
        stages,
      }),
    });
    const button = screen.getByRole('button', {
      name: /^Lead\s*, what sales and marketing agreed/,
    });
    const panel = screen.getByTestId('stage-criteria');
    expect(button.getAttribute('aria-controls')).toBe(panel.id);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(panel.hidden).toBe(true);
    expect(screen.getByTestId('stage').textContent).toBe('Lead');
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(panel.hidden).toBe(false);
    // The lead's stage first, then the one its score points to; data stays text.
    expect([...panel.querySelectorAll('p')].map((p) => p.textContent)).toEqual([
      `Lead: Engaged beyond the newsletter ${hostile}`,
      'Marketing Qualified Lead (MQL): Score of 60+',
    ]);
    expect(panel.querySelector('img')).toBeNull();
    fireEvent.click(button);
    expect(panel.hidden).toBe(true);
    cleanup();
    // A workspace that defines neither stage: the stage is plain text.
    await showAll({ kind: 'ready', context: matchedContext({ stages: [] }) });
    expect(screen.getByTestId('stage').tagName).toBe('SPAN');
    expect(screen.queryByTestId('stage-criteria')).toBeNull();
    expect(screen.queryByRole('button', { name: /what sales and marketing agreed/ })).toBeNull();
  });

  it('jumps to each section from the bar under the header, once the section is there', async () => {
    const ctx = matchedContext();
    // The first commit: the sections below are not rendered yet; a jump to one does nothing.
    show({ kind: 'ready', context: ctx });
    const bar = screen.getByRole('navigation', { name: 'Sections of this record' });
    const jumps = within(bar).getAllByRole('button');
    expect(jumps.map((b) => b.textContent)).toEqual([
      'Score',
      'Persona',
      `Touches (${ctx.timeline.total})`,
      `Content (${ctx.recommendations.length})`,
    ]);
    const before = document.activeElement;
    fireEvent.click(jumps[1]!);
    expect(document.activeElement).toBe(before);
    await sectionsBelow();
    // Each jump lands on its section's heading (focus moves there, for keyboard and readers).
    const headings = ['Score', 'Persona', 'Touch history', 'Recommended content'];
    jumps.forEach((jump, i) => {
      fireEvent.click(jump);
      expect(document.activeElement?.tagName).toBe('H2');
      expect(document.activeElement?.textContent).toBe(headings[i]);
    });
  });

  it('explains each contribution: age, decay, caps, and negative rules apart', async () => {
    await showAll({ kind: 'ready', context: matchedContext() });
    const rows = screen.getAllByTestId('score-rule');
    expect(rows[1]!.textContent).toMatch(/30 d old · decayed to 50%/);
    expect(rows[2]!.textContent).toMatch(/cap reached/);
    expect(rows[3]!.className).toMatch(/negative/);
    expect(screen.getByTestId('score-thresholds').textContent).toBe(
      'MQL threshold reached · 27.5 points to SQL',
    );
  });

  it("says where the lead's score stands among the workspace's leads, and when they were ranked", async () => {
    const standing = { rank: 7, of: 380, topPercent: 2, rankedAt: NOW - 3 * 3_600_000 };
    show({ kind: 'ready', context: matchedContext({ standing }) });
    const line = screen.getByTestId('score-standing');
    expect(line.dataset.rank).toBe('7');
    expect(line.dataset.of).toBe('380');
    expect(line.textContent).toBe(
      `#7 of 380 leads: top 2% · ranked ${relativeTime(standing.rankedAt, NOW)}`,
    );
    expect(line.textContent).toMatch(/3 hr\. ago|3h ago|3 h ago/);
  });

  it('shows no standing before the leads were ranked', () => {
    show({ kind: 'ready', context: matchedContext() });
    expect(screen.getByTestId('score-total')).toBeTruthy();
    expect(screen.queryByTestId('score-standing')).toBeNull();
  });

  it('marks bot-suspect touches and intent surges', async () => {
    await showAll({ kind: 'ready', context: matchedContext() });
    const [pricing, click] = screen.getAllByTestId('touch');
    expect(pricing!.className).toMatch(/surge/);
    expect(click!.className).toMatch(/bot/);
    expect(within(click!).getByText('likely bot')).toBeTruthy();
  });

  it('filters touches by type', async () => {
    await showAll({ kind: 'ready', context: matchedContext() });
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'email_clicked' } });
    expect(screen.getAllByTestId('touch').map((t) => t.dataset.touchType)).toEqual([
      'email_clicked',
    ]);
  });

  it('renders hostile data as text and never links a javascript: URL', async () => {
    const { container } = await showAll({ kind: 'ready', context: matchedContext() });
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText(/Pipeline benchmarks <img/)).toBeTruthy();
    const links = [...container.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['https://www.acme-revenue.example/r/1']);
    expect((globalThis as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('says so when there is nothing to recommend', async () => {
    await showAll({ kind: 'ready', context: matchedContext({ recommendations: [] }) });
    expect(screen.getByTestId('content-empty')).toBeTruthy();
    expect(screen.queryAllByTestId('asset')).toHaveLength(0);
  });
});

describe('Sidebar resizing', () => {
  it('resizes with the arrow keys on the separator, within bounds', () => {
    const onResize = vi.fn();
    show({ kind: 'loading' }, { width: 700, onResize });
    const handle = screen.getByRole('separator', { name: /Resize/ });
    expect(handle.getAttribute('aria-valuenow')).toBe('700');
    fireEvent.keyDown(handle, { key: 'ArrowLeft' });
    expect(onResize).toHaveBeenLastCalledWith(716);
    fireEvent.keyDown(handle, { key: 'ArrowRight' });
    expect(onResize).toHaveBeenLastCalledWith(684);
    cleanup();
    show({ kind: 'loading' }, { width: 716, onResize });
    fireEvent.keyDown(screen.getByRole('separator'), { key: 'ArrowLeft' });
    expect(onResize).toHaveBeenLastCalledWith(720); // MAX_WIDTH
    expect((screen.getByRole('complementary') as HTMLElement).style.width).toBe('716px');
  });
});
