/**
 * One evaluator for the `Condition` shared by persona criteria, fit rules and negative fit rules,
 * so "seniority is VP or above" means the same thing everywhere, and every answer comes with a
 * short explanation a rep can read.
 */
import type { Condition, NormalizedTitle, Region } from '../model';
import { emailDomainKind } from './title';

/** What conditions are tested against: a lead's who-facts plus its normalized title. */
export interface Subject {
  title?: string;
  industry?: string;
  companySize?: number;
  region?: Region;
  email?: string;
  normalized: NormalizedTitle;
}

export interface ConditionResult {
  matched: boolean;
  explanation: string;
}

/**
 * Folded texts by original text. Every record view evaluates the same few titles, industries and
 * criterion keywords again (each persona criterion and fit rule folds its keywords), and folding
 * (NFD, two regular expressions, split and join) is most of what a condition costs. The memo
 * only caches a pure function of its key, so results never depend on it; it is emptied when it
 * grows past a bound.
 */
const foldedWords = new Map<string, string>();
const MAX_FOLDED = 5_000;

/** Lower case, no accents, words separated by single spaces, padded so word tests are cheap. */
function foldWords(text: string): string {
  let folded = foldedWords.get(text);
  if (folded === undefined) {
    const words = text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .split(/[^a-z0-9&+#]+/)
      .filter(Boolean)
      .join(' ');
    folded = ` ${words} `;
    if (foldedWords.size >= MAX_FOLDED) foldedWords.clear();
    foldedWords.set(text, folded);
  }
  return folded;
}

/**
 * Whether a keyword occurs in a text. Keywords must start at a word boundary, so "cto" never
 * matches inside "director". Short keywords (under 4 letters: "IT", "VP", "CTO") must also end at
 * one; longer ones may be word prefixes, so "demand gen" matches "Demand Generation" and
 * "market" matches "Marketing".
 */
export function containsKeyword(foldedText: string, keyword: string): boolean {
  const k = foldWords(keyword).trim();
  if (k === '') return false;
  if (k.length < 4) return foldedText.includes(` ${k} `);
  return foldedText.includes(` ${k}`);
}

function firstKeyword(text: string, keywords: readonly string[]): string | undefined {
  const folded = foldWords(text);
  return keywords.find((k) => containsKeyword(folded, k));
}

function quote(s: string): string {
  return `"${s.length > 60 ? s.slice(0, 57) + '...' : s}"`;
}

function wanted(values: readonly string[]): string {
  return `(wanted ${values.join(', ')})`;
}

function sizeRange(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `${min}-${max}`;
  if (min !== undefined) return `${min}+`;
  if (max !== undefined) return `up to ${max}`;
  return 'any';
}

/** Tests one condition against a subject and says, in a few words, why it did or did not match. */
export function evaluateCondition(
  cond: Condition,
  subject: Subject,
  competitorDomains: readonly string[] = [],
): ConditionResult {
  switch (cond.field) {
    case 'title': {
      const title = subject.title?.trim();
      if (!title) return { matched: false, explanation: `no title ${wanted(cond.anyOf)}` };
      const hit = firstKeyword(title, cond.anyOf);
      return hit !== undefined
        ? { matched: true, explanation: `title ${quote(title)} contains "${hit}"` }
        : { matched: false, explanation: `title ${quote(title)} ${wanted(cond.anyOf)}` };
    }
    case 'seniority':
    case 'department': {
      const value =
        cond.field === 'seniority' ? subject.normalized.seniority : subject.normalized.department;
      const matched = (cond.anyOf as readonly string[]).includes(value);
      const title = subject.title?.trim();
      const from = title ? `title ${quote(title)}` : 'no title';
      return {
        matched,
        explanation: `${from} -> ${cond.field} ${value}${matched ? '' : ' ' + wanted(cond.anyOf)}`,
      };
    }
    case 'industry': {
      const industry = subject.industry?.trim();
      if (!industry) return { matched: false, explanation: `no industry ${wanted(cond.anyOf)}` };
      const hit = firstKeyword(industry, cond.anyOf);
      return hit !== undefined
        ? { matched: true, explanation: `industry ${quote(industry)}` }
        : { matched: false, explanation: `industry ${quote(industry)} ${wanted(cond.anyOf)}` };
    }
    case 'companySize': {
      const range = sizeRange(cond.min, cond.max);
      const size = subject.companySize;
      if (size === undefined) {
        return { matched: false, explanation: `company size unknown (wanted ${range})` };
      }
      const matched =
        (cond.min === undefined || size >= cond.min) &&
        (cond.max === undefined || size <= cond.max);
      return { matched, explanation: `company size ${size} (wanted ${range})` };
    }
    case 'region': {
      // A missing region is the model's `unknown` region, so a rule may target it explicitly.
      const region: Region = subject.region ?? 'unknown';
      const matched = cond.anyOf.includes(region);
      return {
        matched,
        explanation: `region ${region}${matched ? '' : ' ' + wanted(cond.anyOf)}`,
      };
    }
    case 'emailDomain': {
      const kind = emailDomainKind(subject.email, competitorDomains);
      if (kind === undefined) {
        return { matched: false, explanation: `no email ${wanted(cond.anyOf)}` };
      }
      const domain = (subject.email ?? '').slice((subject.email ?? '').lastIndexOf('@') + 1);
      const matched = cond.anyOf.includes(kind);
      return {
        matched,
        explanation: `email domain ${domain.trim().toLowerCase()} is ${kind}${
          matched ? '' : ' ' + wanted(cond.anyOf)
        }`,
      };
    }
  }
}
