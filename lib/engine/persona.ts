/**
 * Persona matching: every persona's weighted criteria are tested against the lead, so the rep
 * sees not only "Demand Gen Leader, 80%" but which criteria matched and which did not.
 */
import type { CriterionResult, Lead, Persona, PersonaMatch, PersonaScore } from '../model';
import { evaluateCondition, type Subject } from './conditions';
import { normalizeTitle } from './title';

export type PersonaLead = Pick<Lead, 'title' | 'industry' | 'companySize' | 'region' | 'email'>;

/** The facts conditions look at, with the title normalized once. */
export function subjectOf(lead: PersonaLead): Subject {
  return {
    title: lead.title,
    industry: lead.industry,
    companySize: lead.companySize,
    region: lead.region,
    email: lead.email,
    normalized: normalizeTitle(lead.title),
  };
}

interface Scored {
  score: PersonaScore;
  /** Unrounded share, so 66.4% still ranks below 66.6% although both show as 66. */
  share: number;
}

function scorePersona(
  persona: Persona,
  subject: Subject,
  competitorDomains: readonly string[],
): Scored {
  let total = 0;
  let matchedWeight = 0;
  const criteria: CriterionResult[] = persona.criteria.map((c) => {
    const r = evaluateCondition(c.condition, subject, competitorDomains);
    total += c.weight;
    if (r.matched) matchedWeight += c.weight;
    return {
      criterionId: c.id,
      label: c.label,
      weight: c.weight,
      matched: r.matched,
      explanation: r.explanation,
    };
  });
  const share = total > 0 ? matchedWeight / total : 0;
  return {
    share,
    score: {
      personaId: persona.id,
      personaName: persona.name,
      percent: Math.round(share * 100),
      criteria,
    },
  };
}

/** Plain code-unit comparison: locale-independent, so ranking is identical in every browser. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Scores every persona against the lead and returns the best two. Ranking is by matched share,
 * then by persona id, so the order personas are listed in never changes the answer.
 */
export function matchPersona(
  lead: PersonaLead,
  personas: readonly Persona[],
  competitorDomains: readonly string[] = [],
): PersonaMatch {
  const subject = subjectOf(lead);
  const scored = personas.map((p) => scorePersona(p, subject, competitorDomains));
  scored.sort((a, b) => b.share - a.share || compareIds(a.score.personaId, b.score.personaId));
  return {
    normalized: subject.normalized,
    top: scored[0]?.score,
    runnerUp: scored[1]?.score,
  };
}
