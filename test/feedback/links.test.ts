import { describe, expect, it } from 'vitest';
import { repRef, slug, trackedLink } from '../../lib/feedback';

const rep = { name: 'Rita Rep', email: 'Rita@Seller.example' };

describe('tracked links', () => {
  it('adds UTM parameters and an opaque rep reference, keeping other parameters', () => {
    const link = trackedLink(
      { id: 'A-12', url: 'https://example.com/guide?lang=en&utm_source=old#top' },
      { name: 'Q3 Webinar: Pipeline 2.0' },
      rep,
    )!;
    const url = new URL(link);
    expect(url.origin + url.pathname).toBe('https://example.com/guide');
    expect(url.hash).toBe('#top');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      lang: 'en',
      utm_source: 'tandem',
      utm_medium: 'sales',
      utm_campaign: 'q3-webinar-pipeline-2-0',
      utm_content: 'A-12',
      tandem_rep: repRef(rep),
    });
    expect(link).not.toMatch(/seller/i); // the rep's email never goes to the lead
  });

  it('gives the same rep reference whatever the case and spacing of the email', () => {
    expect(repRef({ email: ' rita@seller.example ' })).toBe(repRef(rep));
    expect(repRef({ email: 'other@seller.example' })).not.toBe(repRef(rep));
  });

  it('refuses URLs that are not http(s)', () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,x',
      'not a url',
      'ftp://x.example/a',
    ]) {
      expect(trackedLink({ id: 'a', url }, undefined, rep)).toBeUndefined();
    }
  });

  it('names no campaign and no rep when there are none', () => {
    const url = new URL(trackedLink({ id: 'a', url: 'https://x.example/' }, undefined, undefined)!);
    expect(url.searchParams.get('utm_campaign')).toBe('none');
    expect(url.searchParams.has('tandem_rep')).toBe(false);
  });

  it('slugs accents and punctuation away', () => {
    expect(slug('  Économie & Café — 2026! ')).toBe('economie-cafe-2026');
    expect(slug('***')).toBe('none');
  });
});
