import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Loads a CRM fixture page into the test's happy-dom document (scripts are not run). */
export function loadFixture(path: string): { url: string; doc: Document } {
  const html = readFileSync(resolve('test/fixtures/crm', path), 'utf8');
  const url = /<!--\s*url:\s*(\S+)/.exec(html)?.[1] ?? '';
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return { url, doc };
}
