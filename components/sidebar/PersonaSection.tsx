import type { Persona, PersonaMatch } from '../../lib/model';
import { t } from '../../lib/i18n';

export function PersonaSection({
  persona,
  personas,
}: {
  persona: PersonaMatch;
  personas: Persona[];
}) {
  const top = persona.top;
  const def = top && personas.find((p) => p.id === top.personaId);
  return (
    <section className="section" aria-labelledby="tandem-persona">
      <h2 id="tandem-persona" tabIndex={-1}>
        {t('sectionPersona')}
      </h2>
      <p className="muted">
        {t('personaTitleNormalized', persona.normalized.seniority, persona.normalized.department)}
      </p>
      {!top || top.percent === 0 ? (
        <p data-testid="persona-none">{t('personaNone')}</p>
      ) : (
        <>
          <p className="persona-top" data-testid="persona-top" data-persona-id={top.personaId}>
            {t('personaMatch', top.personaName, top.percent)}
          </p>
          <ul className="criteria">
            {top.criteria.map((c) => (
              <li key={c.criterionId} className={c.matched ? 'matched' : 'missed'}>
                <span className="sr-only">
                  {c.matched ? t('criterionMatched') : t('criterionMissed')}
                </span>
                <span aria-hidden="true">{c.matched ? '✓' : '✗'}</span> {c.label}
                <span className="rule-notes">{c.explanation}</span>
              </li>
            ))}
          </ul>
          {persona.runnerUp && persona.runnerUp.percent > 0 && (
            <p className="muted" data-testid="persona-runner-up">
              {t('personaRunnerUp', persona.runnerUp.personaName, persona.runnerUp.percent)}
            </p>
          )}
          {def && (
            <details className="persona-notes">
              <summary>{def.name}</summary>
              <List title={t('personaPains')} items={def.pains} />
              <List title={t('personaObjections')} items={def.objections} />
              {def.valueProposition && (
                <>
                  <h3>{t('personaValue')}</h3>
                  <p>{def.valueProposition}</p>
                </>
              )}
              <List title={t('personaTalkingPoints')} items={def.talkingPoints} />
            </details>
          )}
        </>
      )}
    </section>
  );
}

function List({ title, items }: { title: string; items: string[] }) {
  if (!items.length) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul>
        {items.map((s, i) => (
          <li key={i}>{s}</li>
        ))}
      </ul>
    </>
  );
}
