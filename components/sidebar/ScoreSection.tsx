import type { Contribution, ScoreResult, ScoreStanding } from '../../lib/model';
import { t } from '../../lib/i18n';
import { formatPoints, relativeTime } from '../ui/format';

export function ScoreSection({
  score,
  standing,
  now,
}: {
  score: ScoreResult;
  /** Where the score stands among the workspace's leads; absent until they were ranked. */
  standing?: ScoreStanding;
  now: number;
}) {
  const first = score.history[0]?.total ?? score.total;
  return (
    <section className="section" aria-labelledby="tandem-score">
      <h2 id="tandem-score" tabIndex={-1}>
        {t('sectionScore')}
      </h2>
      <div className="score-head">
        <span className="score-total" data-testid="score-total" data-value={score.total}>
          {Math.round(score.total * 10) / 10}
        </span>
        <span className="badge grade" data-testid="score-grade">
          {t('scoreGrade', score.grade)}
        </span>
        <Sparkline
          points={score.history.map((h) => h.total)}
          label={t('scoreHistory', Math.round(first), Math.round(score.total))}
        />
      </div>
      {standing && (
        <p
          className="standing"
          data-testid="score-standing"
          data-rank={standing.rank}
          data-of={standing.of}
        >
          {t('scoreStanding', standing.rank, standing.of, standing.topPercent)}{' '}
          <span className="meta">· {t('scoreRanked', relativeTime(standing.rankedAt, now))}</span>
        </p>
      )}
      <ul className="score-parts">
        <li>{t('scoreFit', round(score.fit), score.fitCap)}</li>
        <li>{t('scoreEngagement', round(score.engagement), score.engagementCap)}</li>
        {score.negative !== 0 && (
          <li className="negative">{t('scoreNegative', round(score.negative))}</li>
        )}
      </ul>
      <p className="meta" data-testid="score-thresholds">
        {score.toMql > 0 ? t('scoreToMql', round(score.toMql)) : t('scoreMqlReached')}
        {' · '}
        {score.toSql > 0 ? t('scoreToSql', round(score.toSql)) : t('scoreSqlReached')}
      </p>
      <details className="rules">
        <summary>{t('scoreRulesHeading')}</summary>
        <ul>
          {score.contributions.map((c, i) => (
            <ContributionRow key={`${c.ruleId}:${c.touchId ?? i}`} c={c} />
          ))}
        </ul>
      </details>
      {score.boosters.length > 0 && (
        <>
          <h3>{t('scoreBoosters')}</h3>
          <ul className="boosters">
            {score.boosters.map((b) => (
              <li key={b.ruleId}>
                {b.label} <span className="points">{formatPoints(b.gain)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ContributionRow({ c }: { c: Contribution }) {
  const notes: string[] = [];
  if (c.ageDays !== undefined) notes.push(t('scoreAge', Math.round(c.ageDays)));
  if (c.decayFactor < 1) notes.push(t('scoreDecay', Math.round(c.decayFactor * 100)));
  if (c.capped) notes.push(t('scoreCapped'));
  return (
    <li className={`rule ${c.category}`} data-testid="score-rule" data-rule-id={c.ruleId}>
      <span className="rule-label">{c.label}</span>
      <span className="points">{formatPoints(c.points)}</span>
      {notes.length > 0 && <span className="rule-notes">{notes.join(' · ')}</span>}
    </li>
  );
}

function Sparkline({ points, label }: { points: number[]; label: string }) {
  if (points.length < 2) return null;
  const w = 96;
  const h = 24;
  const max = Math.max(...points, 1);
  const min = Math.min(...points, 0);
  const span = max - min || 1;
  const d = points
    .map(
      (p, i) =>
        `${((i / (points.length - 1)) * w).toFixed(1)},${(h - ((p - min) / span) * h).toFixed(1)}`,
    )
    .join(' ');
  return (
    <svg
      className="sparkline"
      width={w}
      height={h}
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label={label}
    >
      <polyline points={d} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

const round = (n: number) => Math.round(n * 10) / 10;
