/**
 * Job title normalization and email domain classification.
 *
 * Titles arrive in every shape ("Sr. Dir., Demand Gen", "VP Mktg", "Founder & CEO"), so they are
 * folded into a fixed vocabulary of seniority levels and departments before any persona criterion
 * or fit rule looks at them. The approach is a small lexicon of words and phrases, scanned left to
 * right with the longest phrase winning, so "vice president" is never read as "president" and
 * "product marketing" is never read as "product".
 */
import type { Department, EmailDomainKind, NormalizedTitle, Seniority } from '../model';

type RankedSeniority = Exclude<Seniority, 'individual' | 'unknown'>;

interface LexiconEntry {
  /** Seniority this word implies. `individual` marks a role noun ("analyst", "engineer"). */
  seniority?: RankedSeniority | 'individual';
  department?: Department;
}

/** Higher wins: "Senior Vice President" is a VP, "Assistant Manager" a manager. */
const SENIORITY_RANK: Record<RankedSeniority, number> = {
  executive: 6,
  vp: 5,
  director: 4,
  manager: 3,
  senior: 2,
  entry: 1,
};

/**
 * Departments in tiers. A functional department anywhere in the title beats operations, and
 * operations beats general management, so "Director of Sales Ops" is sales (sales operations
 * serves the sales team and reports into sales leadership), "Marketing Operations" is marketing,
 * and "Co-Founder & CTO" is engineering rather than general management. Within the functional
 * tier the department mentioned first wins ("Data Engineer" is data, "Sales & Marketing" sales).
 */
function departmentTier(d: Department): number {
  if (d === 'general_management') return 3;
  if (d === 'operations') return 2;
  return 1;
}

const E = (seniority?: LexiconEntry['seniority'], department?: Department): LexiconEntry => ({
  seniority,
  department,
});

/**
 * The lexicon. Keys are lower-case words or space-separated phrases after tokenization.
 * CTO maps to engineering: in the companies Tandem sells to the CTO leads the engineering
 * organization, while internal IT reports to the CIO.
 */
const LEXICON = new Map<string, LexiconEntry>([
  // C-suite and owners
  ['chief', E('executive')],
  ['chief executive', E('executive', 'general_management')],
  ['chief executive officer', E('executive', 'general_management')],
  ['chief of staff', E('director', 'general_management')],
  ['ceo', E('executive', 'general_management')],
  ['cto', E('executive', 'engineering')],
  ['cfo', E('executive', 'finance')],
  ['cmo', E('executive', 'marketing')],
  ['cio', E('executive', 'it')],
  ['ciso', E('executive', 'it')],
  ['cso', E('executive')],
  ['cro', E('executive', 'sales')],
  ['coo', E('executive', 'operations')],
  ['cpo', E('executive', 'product')],
  ['cdo', E('executive', 'data')],
  ['chro', E('executive', 'hr')],
  ['cco', E('executive')],
  ['clo', E('executive', 'legal')],
  ['president', E('executive', 'general_management')],
  ['founder', E('executive', 'general_management')],
  ['cofounder', E('executive', 'general_management')],
  ['co founder', E('executive', 'general_management')],
  ['owner', E('executive', 'general_management')],
  ['chairman', E('executive', 'general_management')],
  ['chairwoman', E('executive', 'general_management')],
  ['chairperson', E('executive', 'general_management')],
  ['managing director', E('executive', 'general_management')],
  ['managing partner', E('executive', 'general_management')],
  ['founding partner', E('executive', 'general_management')],
  ['general manager', E('director', 'general_management')],
  ['gm', E('director', 'general_management')],
  // Vice presidents
  ['vp', E('vp')],
  ['v p', E('vp')],
  ['vice president', E('vp')],
  ['vice pres', E('vp')],
  ['svp', E('vp')],
  ['evp', E('vp')],
  ['avp', E('vp')],
  ['rvp', E('vp')],
  ['gvp', E('vp')],
  // Directors and heads
  ['director', E('director')],
  ['dir', E('director')],
  ['head', E('director')],
  // Managers
  ['manager', E('manager')],
  ['mgr', E('manager')],
  ['mngr', E('manager')],
  ['supervisor', E('manager')],
  ['team lead', E('manager')],
  ['team leader', E('manager')],
  // Senior individual contributors
  ['senior', E('senior')],
  ['sr', E('senior')],
  ['snr', E('senior')],
  ['principal', E('senior')],
  ['lead', E('senior')],
  ['lead generation', E(undefined, 'marketing')],
  ['lead gen', E(undefined, 'marketing')],
  ['staff engineer', E('senior', 'engineering')],
  ['staff software engineer', E('senior', 'engineering')],
  // Entry level
  ['intern', E('entry')],
  ['internship', E('entry')],
  ['trainee', E('entry')],
  ['apprentice', E('entry')],
  ['junior', E('entry')],
  ['jr', E('entry')],
  ['graduate', E('entry')],
  ['student', E('entry')],
  ['working student', E('entry')],
  ['werkstudent', E('entry')],
  ['assistant', E('entry')],
  ['asst', E('entry')],
  ['clerk', E('entry')],
  // A few common non-English titles seen in European CRMs
  ['directeur', E('director')],
  ['directeur general', E('executive', 'general_management')],
  ['directora', E('director')],
  ['direktor', E('director')],
  ['leiter', E('director')],
  ['leiterin', E('director')],
  ['geschaftsfuhrer', E('executive', 'general_management')],
  ['geschaeftsfuehrer', E('executive', 'general_management')],
  ['gerente', E('manager')],
  ['responsable', E('manager')],
  // Role nouns: an individual contributor unless a seniority word says otherwise
  ['coordinator', E('individual')],
  ['coord', E('individual')],
  ['specialist', E('individual')],
  ['analyst', E('individual')],
  ['associate', E('individual')],
  ['consultant', E('individual')],
  ['representative', E('individual')],
  ['rep', E('individual')],
  ['administrator', E('individual')],
  ['admin', E('individual')],
  ['strategist', E('individual')],
  ['officer', E('individual')],
  ['advisor', E('individual')],
  ['adviser', E('individual')],
  ['planner', E('individual')],
  ['generalist', E('individual')],
  ['agent', E('individual')],
  ['writer', E('individual')],
  ['contributor', E('individual')],
  ['technologist', E('individual')],
  ['business partner', E('individual')],
  ['engineer', E('individual', 'engineering')],
  ['engr', E('individual', 'engineering')],
  ['developer', E('individual', 'engineering')],
  ['programmer', E('individual', 'engineering')],
  ['architect', E('individual', 'engineering')],
  ['swe', E('individual', 'engineering')],
  ['sre', E('individual', 'engineering')],
  ['designer', E('individual', 'product')],
  ['scientist', E('individual', 'data')],
  ['accountant', E('individual', 'finance')],
  ['controller', E('individual', 'finance')],
  ['recruiter', E('individual', 'hr')],
  ['technician', E('individual', 'it')],
  ['sysadmin', E('individual', 'it')],
  ['attorney', E('individual', 'legal')],
  ['lawyer', E('individual', 'legal')],
  ['paralegal', E('individual', 'legal')],
  ['counsel', E('individual', 'legal')],
  ['general counsel', E('executive', 'legal')],
  ['account executive', E('individual', 'sales')],
  ['account exec', E('individual', 'sales')],
  ['sales executive', E('individual', 'sales')],
  ['sales exec', E('individual', 'sales')],
  ['ae', E('individual', 'sales')],
  ['sdr', E('individual', 'sales')],
  ['bdr', E('individual', 'sales')],
  ['bdm', E('manager', 'sales')],
  ['csm', E('manager', 'customer_success')],
  ['product owner', E('individual', 'product')],
  ['executive assistant', E('individual', 'general_management')],
  // Marketing
  ['marketing', E(undefined, 'marketing')],
  ['mktg', E(undefined, 'marketing')],
  ['mkt', E(undefined, 'marketing')],
  ['mkting', E(undefined, 'marketing')],
  ['marketer', E('individual', 'marketing')],
  ['demand', E(undefined, 'marketing')],
  ['growth', E(undefined, 'marketing')],
  ['brand', E(undefined, 'marketing')],
  ['branding', E(undefined, 'marketing')],
  ['content', E(undefined, 'marketing')],
  ['communications', E(undefined, 'marketing')],
  ['comms', E(undefined, 'marketing')],
  ['pr', E(undefined, 'marketing')],
  ['public relations', E(undefined, 'marketing')],
  ['seo', E(undefined, 'marketing')],
  ['sem', E(undefined, 'marketing')],
  ['advertising', E(undefined, 'marketing')],
  ['campaign', E(undefined, 'marketing')],
  ['campaigns', E(undefined, 'marketing')],
  ['abm', E(undefined, 'marketing')],
  ['social media', E(undefined, 'marketing')],
  ['product marketing', E(undefined, 'marketing')],
  ['customer marketing', E(undefined, 'marketing')],
  ['channel marketing', E(undefined, 'marketing')],
  ['partner marketing', E(undefined, 'marketing')],
  ['pmm', E('individual', 'marketing')],
  ['events', E(undefined, 'marketing')],
  ['digital', E(undefined, 'marketing')],
  ['ecommerce', E(undefined, 'marketing')],
  // Marketing operations and the marketing automation platforms it runs
  ['mops', E(undefined, 'marketing')],
  ['marketo', E(undefined, 'marketing')],
  ['hubspot', E(undefined, 'marketing')],
  ['pardot', E(undefined, 'marketing')],
  // Sales
  ['sales', E(undefined, 'sales')],
  ['revenue', E(undefined, 'sales')],
  ['revops', E(undefined, 'sales')],
  ['rev ops', E(undefined, 'sales')],
  ['business development', E(undefined, 'sales')],
  ['biz dev', E(undefined, 'sales')],
  ['bizdev', E(undefined, 'sales')],
  ['bd', E(undefined, 'sales')],
  ['account', E(undefined, 'sales')],
  ['accounts', E(undefined, 'sales')],
  ['accounts payable', E(undefined, 'finance')],
  ['accounts receivable', E(undefined, 'finance')],
  ['commercial', E(undefined, 'sales')],
  ['partnerships', E(undefined, 'sales')],
  ['channel', E(undefined, 'sales')],
  ['alliances', E(undefined, 'sales')],
  ['presales', E(undefined, 'sales')],
  // Go-to-market operations roll up into revenue leadership, like sales operations.
  ['gtm', E(undefined, 'sales')],
  // Customer success
  ['customer', E(undefined, 'customer_success')],
  ['customers', E(undefined, 'customer_success')],
  ['customer success', E(undefined, 'customer_success')],
  ['customer experience', E(undefined, 'customer_success')],
  ['customer service', E(undefined, 'customer_success')],
  ['client services', E(undefined, 'customer_success')],
  ['cx', E(undefined, 'customer_success')],
  ['support', E(undefined, 'customer_success')],
  ['onboarding', E(undefined, 'customer_success')],
  ['technical account manager', E('manager', 'customer_success')],
  // Engineering
  ['engineering', E(undefined, 'engineering')],
  ['eng', E(undefined, 'engineering')],
  ['software', E(undefined, 'engineering')],
  ['development', E(undefined, 'engineering')],
  ['dev', E(undefined, 'engineering')],
  ['devops', E(undefined, 'engineering')],
  ['technology', E(undefined, 'engineering')],
  ['tech', E(undefined, 'engineering')],
  ['technical', E(undefined, 'engineering')],
  ['r&d', E(undefined, 'engineering')],
  ['research and development', E(undefined, 'engineering')],
  ['qa', E(undefined, 'engineering')],
  ['quality assurance', E(undefined, 'engineering')],
  ['platform', E(undefined, 'engineering')],
  ['frontend', E(undefined, 'engineering')],
  ['backend', E(undefined, 'engineering')],
  ['full stack', E(undefined, 'engineering')],
  ['fullstack', E(undefined, 'engineering')],
  // IT
  ['it', E(undefined, 'it')],
  ['information technology', E(undefined, 'it')],
  ['information', E(undefined, 'it')],
  ['information security', E(undefined, 'it')],
  ['infosec', E(undefined, 'it')],
  ['security', E(undefined, 'it')],
  ['cybersecurity', E(undefined, 'it')],
  ['infrastructure', E(undefined, 'it')],
  ['network', E(undefined, 'it')],
  ['systems', E(undefined, 'it')],
  ['helpdesk', E(undefined, 'it')],
  ['help desk', E(undefined, 'it')],
  ['service desk', E(undefined, 'it')],
  // Product
  ['product', E(undefined, 'product')],
  ['products', E(undefined, 'product')],
  ['ux', E(undefined, 'product')],
  ['ui', E(undefined, 'product')],
  ['design', E(undefined, 'product')],
  // Data
  ['data', E(undefined, 'data')],
  ['analytics', E(undefined, 'data')],
  ['business intelligence', E(undefined, 'data')],
  ['bi', E(undefined, 'data')],
  ['machine learning', E(undefined, 'data')],
  ['ml', E(undefined, 'data')],
  ['ai', E(undefined, 'data')],
  ['insights', E(undefined, 'data')],
  // Finance
  ['finance', E(undefined, 'finance')],
  ['financial', E(undefined, 'finance')],
  ['fin', E(undefined, 'finance')],
  ['accounting', E(undefined, 'finance')],
  ['treasury', E(undefined, 'finance')],
  ['fp&a', E(undefined, 'finance')],
  ['fpa', E(undefined, 'finance')],
  ['tax', E(undefined, 'finance')],
  ['audit', E(undefined, 'finance')],
  ['payroll', E(undefined, 'finance')],
  // Operations
  ['operations', E(undefined, 'operations')],
  ['operating', E(undefined, 'operations')],
  ['ops', E(undefined, 'operations')],
  ['supply chain', E(undefined, 'operations')],
  ['logistics', E(undefined, 'operations')],
  ['procurement', E(undefined, 'operations')],
  ['purchasing', E(undefined, 'operations')],
  ['facilities', E(undefined, 'operations')],
  ['office', E(undefined, 'operations')],
  // HR
  ['hr', E(undefined, 'hr')],
  ['human resources', E(undefined, 'hr')],
  ['people', E(undefined, 'hr')],
  ['people operations', E(undefined, 'hr')],
  ['people ops', E(undefined, 'hr')],
  ['talent', E(undefined, 'hr')],
  ['talent acquisition', E(undefined, 'hr')],
  ['recruiting', E(undefined, 'hr')],
  ['recruitment', E(undefined, 'hr')],
  // Legal
  ['legal', E(undefined, 'legal')],
  ['compliance', E(undefined, 'legal')],
  ['privacy', E(undefined, 'legal')],
  ['contracts', E(undefined, 'legal')],
]);

/** Longest phrase in the lexicon, in tokens: bounds the look-ahead of the scanner. */
const MAX_PHRASE = 3;

/**
 * Lower-cases, strips accents and splits a title into words. Dotted acronyms ("V.P.") are joined
 * first so they read as one word; "&" survives inside words ("R&D", "FP&A") but a lone "&" is a
 * separator like a comma.
 */
export function titleTokens(title: string): string[] {
  const folded = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\b([a-z])\.([a-z])\b\.?/g, '$1$2');
  return folded.split(/[^a-z0-9&]+/).filter((t) => t !== '' && t !== '&');
}

const UNKNOWN: NormalizedTitle = { seniority: 'unknown', department: 'unknown' };

/**
 * Normalized titles by title: the sidebar normalizes the same lead's title on every view, twice
 * (persona match and fit rules). A memo of a pure function (results never depend on it), emptied
 * when it grows past a bound; callers get their own copy.
 */
const normalizedTitles = new Map<string, NormalizedTitle>();
const MAX_NORMALIZED = 5_000;

/** Folds a free-text job title into a seniority level and a department. */
export function normalizeTitle(title: string | undefined): NormalizedTitle {
  if (title === undefined) return { ...UNKNOWN };
  let hit = normalizedTitles.get(title);
  if (hit === undefined) {
    hit = normalizeTitleUncached(title);
    if (normalizedTitles.size >= MAX_NORMALIZED) normalizedTitles.clear();
    normalizedTitles.set(title, hit);
  }
  return { ...hit };
}

function normalizeTitleUncached(title: string): NormalizedTitle {
  const tokens = titleTokens(title);
  if (tokens.length === 0) return UNKNOWN;

  let bestRank = 0;
  let ranked: RankedSeniority | undefined;
  let roleNoun = false;
  let department: Department | undefined;
  let departmentTierSeen = Infinity;
  // "Executive Assistant" or "Assistant to the CEO" work for an executive, they are not one.
  let assistantTo = false;

  for (let i = 0; i < tokens.length;) {
    let entry: LexiconEntry | undefined;
    let length = 0;
    for (let n = Math.min(MAX_PHRASE, tokens.length - i); n >= 1; n--) {
      const phrase = n === 1 ? tokens[i]! : tokens.slice(i, i + n).join(' ');
      const hit = LEXICON.get(phrase);
      if (hit) {
        entry = hit;
        length = n;
        break;
      }
    }
    if (!entry) {
      if (tokens[i] === 'to' && i > 0 && tokens[i - 1] === 'assistant') assistantTo = true;
      i++;
      continue;
    }
    const s = entry.seniority;
    if (s === 'individual') roleNoun = true;
    else if (s !== undefined && SENIORITY_RANK[s] > bestRank) {
      bestRank = SENIORITY_RANK[s];
      ranked = s;
    }
    if (entry.department !== undefined) {
      const tier = departmentTier(entry.department);
      // Strictly lower tier replaces; the same tier keeps the first mention.
      if (tier < departmentTierSeen) {
        department = entry.department;
        departmentTierSeen = tier;
      }
    }
    if (length === 2 && tokens[i] === 'executive' && tokens[i + 1] === 'assistant') {
      assistantTo = true;
    }
    i += length;
  }

  let seniority: Seniority = ranked ?? (roleNoun ? 'individual' : 'unknown');
  if (assistantTo) seniority = 'individual';
  return { seniority, department: department ?? 'unknown' };
}

// ---------- email domains ----------

/** Free mail providers whose exact domain marks a personal address. */
const PERSONAL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'ymail.com',
  'rocketmail.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'aim.com',
  'protonmail.com',
  'protonmail.ch',
  'proton.me',
  'pm.me',
  'web.de',
  'mail.ru',
  'bk.ru',
  'list.ru',
  'inbox.ru',
  'rambler.ru',
  'ya.ru',
  'qq.com',
  'foxmail.com',
  '163.com',
  '126.com',
  'yeah.net',
  'sina.com',
  'sohu.com',
  'aliyun.com',
  'mail.com',
  'email.com',
  'zohomail.com',
  'tutanota.com',
  'tuta.io',
  'fastmail.com',
  'hey.com',
  'free.fr',
  'orange.fr',
  'laposte.net',
  'sfr.fr',
  't-online.de',
  'freenet.de',
  'libero.it',
  'virgilio.it',
  'rediffmail.com',
  'naver.com',
  'daum.net',
  'hanmail.net',
  'seznam.cz',
  'wp.pl',
  'o2.pl',
  'interia.pl',
  'btinternet.com',
  'comcast.net',
  'verizon.net',
  'att.net',
  'sbcglobal.net',
  'bellsouth.net',
  'cox.net',
  'uol.com.br',
  'bol.com.br',
  'terra.com.br',
]);

/** Providers that run the same free service under many country domains (yahoo.co.uk, gmx.at). */
const PERSONAL_FAMILY =
  /^(yahoo|hotmail|outlook|live|gmx|yandex|aol|windowslive)\.(com?\.)?[a-z]{2,3}$/;

/** Academic domains: .edu, .edu.au, .ac.uk, .ac.jp, k12 school districts, student subdomains. */
const STUDENT_DOMAIN = /(^|\.)(edu|edu\.[a-z]{2}|ac\.[a-z]{2}|k12\.[a-z]{2}\.us)$/;
const STUDENT_LABEL = /(^|\.)(students?|stud)\./;

/** Lower-cased domain part of an email or of a competitor entry, without a trailing dot. */
function cleanDomain(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/^@/, '')
    .replace(/^www\./, '')
    .replace(/\.$/, '');
}

/**
 * Classifies the domain of an email. Competitor domains come first because they are explicit
 * configuration; then academic, then free mail; everything else counts as a business address.
 * Returns undefined when there is no usable address.
 */
export function emailDomainKind(
  email: string | undefined,
  competitorDomains: readonly string[],
): EmailDomainKind | undefined {
  if (email === undefined) return undefined;
  const at = email.lastIndexOf('@');
  if (at < 0) return undefined;
  const domain = cleanDomain(email.slice(at + 1));
  if (domain === '' || !domain.includes('.')) return undefined;
  for (const c of competitorDomains) {
    const cd = cleanDomain(c);
    if (cd !== '' && (domain === cd || domain.endsWith('.' + cd))) return 'competitor';
  }
  if (STUDENT_DOMAIN.test(domain) || STUDENT_LABEL.test(domain)) return 'student';
  if (PERSONAL_DOMAINS.has(domain) || PERSONAL_FAMILY.test(domain)) return 'personal';
  return 'business';
}
