/**
 * Tracked links: the asset's URL with UTM parameters naming Tandem, the campaign and the asset,
 * plus an opaque reference to the rep (never their email: the link goes to the lead).
 */
import type { Asset, Campaign, Rep } from '../model';

/** A short, stable, non-reversible-at-a-glance reference to a rep (FNV-1a of the email). */
export function repRef(rep: Pick<Rep, 'email'>): string {
  let hash = 0x811c9dc5;
  for (const ch of rep.email.trim().toLowerCase()) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `r${hash.toString(36)}`;
}

/** A URL-safe slug of a campaign name ("Q3 Webinar: Pipeline 2.0" -> "q3-webinar-pipeline-2-0"). */
export function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'none'
  );
}

/**
 * The link a rep sends, or undefined when the asset's URL is not http(s). Parameters the URL
 * already has are kept, except UTM ones, which Tandem sets.
 */
export function trackedLink(
  asset: Pick<Asset, 'id' | 'url'>,
  campaign: Pick<Campaign, 'name'> | undefined,
  rep: Pick<Rep, 'email'> | undefined,
): string | undefined {
  let url: URL;
  try {
    url = new URL(asset.url);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.searchParams.set('utm_source', 'tandem');
  url.searchParams.set('utm_medium', 'sales');
  url.searchParams.set('utm_campaign', campaign ? slug(campaign.name) : 'none');
  url.searchParams.set('utm_content', asset.id);
  if (rep) url.searchParams.set('tandem_rep', repRef(rep));
  else url.searchParams.delete('tandem_rep');
  return url.href;
}
