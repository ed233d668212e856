import { useMemo, useState } from 'react';
import type { Asset, Campaign, Timeline, Touch, TouchType } from '../../lib/model';
import { t, type MessageKey } from '../../lib/i18n';
import { formatDay, formatTime } from '../ui/format';
import { TouchIcon } from './TouchIcon';

const PAGE = 50;

export function TimelineSection({
  timeline,
  campaigns,
  assets,
  timeZone,
}: {
  timeline: Timeline;
  campaigns: Campaign[];
  assets: Asset[];
  timeZone?: string;
}) {
  const [type, setType] = useState<TouchType | ''>('');
  const [campaign, setCampaign] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const campaignName = useMemo(() => new Map(campaigns.map((c) => [c.id, c.name])), [campaigns]);
  const assetTitle = useMemo(() => new Map(assets.map((a) => [a.id, a.title])), [assets]);
  const surgeTouches = useMemo(
    () => new Set(timeline.surges.flatMap((s) => s.touchIds)),
    [timeline.surges],
  );
  const types = useMemo(() => {
    const s = new Set<TouchType>();
    for (const d of timeline.days) for (const x of d.touches) s.add(x.type);
    return [...s].sort();
  }, [timeline.days]);

  // Filter, then page: only `limit` touches are ever rendered, so long histories stay fast.
  const { days, shown, matching } = useMemo(() => {
    let shown = 0;
    let matching = 0;
    const days: { day: string; touches: Touch[] }[] = [];
    for (const d of timeline.days) {
      const keep = d.touches.filter(
        (x) => (!type || x.type === type) && (!campaign || x.campaignId === campaign),
      );
      matching += keep.length;
      const room = limit - shown;
      if (room <= 0 || !keep.length) continue;
      const slice = keep.slice(0, room);
      shown += slice.length;
      days.push({ day: d.day, touches: slice });
    }
    return { days, shown, matching };
  }, [timeline.days, type, campaign, limit]);

  const label = (x: Touch) => t(`touch_${x.type}` as MessageKey);
  return (
    <section className="section" aria-labelledby="tandem-timeline">
      <h2 id="tandem-timeline" tabIndex={-1}>
        {t('sectionTimeline')}
      </h2>
      <p className="meta">{t('timelineCount', timeline.total, timeline.botSuspect)}</p>
      {timeline.firstTouch && (
        <p className="meta" data-testid="first-touch">
          {t('timelineFirstTouch', describe(timeline.firstTouch, label, campaignName))}
        </p>
      )}
      {timeline.lastTouch && (
        <p className="meta" data-testid="last-touch">
          {t('timelineLastTouch', describe(timeline.lastTouch, label, campaignName))}
        </p>
      )}
      {timeline.total === 0 ? (
        <p>{t('timelineEmpty')}</p>
      ) : (
        <>
          <div className="filters">
            <label>
              {t('timelineFilterType')}{' '}
              <select value={type} onChange={(e) => setType(e.target.value as TouchType | '')}>
                <option value="">{t('timelineFilterAll')}</option>
                {types.map((x) => (
                  <option key={x} value={x}>
                    {t(`touch_${x}` as MessageKey)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('timelineFilterCampaign')}{' '}
              <select value={campaign} onChange={(e) => setCampaign(e.target.value)}>
                <option value="">{t('timelineFilterAll')}</option>
                {campaigns.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <ol className="days">
            {days.map((d) => (
              <li key={d.day}>
                <h3 className="day">{formatDay(d.day)}</h3>
                <ul className="touches">
                  {d.touches.map((x) => (
                    <li
                      key={x.id}
                      data-testid="touch"
                      data-touch-type={x.type}
                      className={`touch${x.botSuspect ? ' bot' : ''}${surgeTouches.has(x.id) ? ' surge' : ''}`}
                    >
                      <TouchIcon channel={x.channel} />
                      <span className="touch-main">
                        <span className="touch-label">{label(x)}</span>
                        {x.detail && <span className="touch-detail">{x.detail}</span>}
                        {(x.campaignId || x.assetId) && (
                          <span className="touch-detail">
                            {[
                              x.campaignId && campaignName.get(x.campaignId),
                              x.assetId && assetTitle.get(x.assetId),
                            ]
                              .filter(Boolean)
                              .join(' · ')}
                          </span>
                        )}
                      </span>
                      <span className="touch-time">
                        {formatTime(x.at, timeZone)}
                        {x.botSuspect && <span className="tag">{t('timelineBot')}</span>}
                        {surgeTouches.has(x.id) && (
                          <span className="tag surge">{t('timelineSurge')}</span>
                        )}
                      </span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
          {shown < matching && (
            <button type="button" onClick={() => setLimit((n) => n + PAGE)}>
              {t('timelineShowMore')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function describe(x: Touch, label: (x: Touch) => string, campaigns: Map<string, string>): string {
  const c = x.campaignId && campaigns.get(x.campaignId);
  return `${label(x)}${c ? ` (${c})` : ''}, ${new Date(x.at).toISOString().slice(0, 10)}`;
}
