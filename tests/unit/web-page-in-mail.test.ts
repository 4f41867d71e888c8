/**
 * A web page that appears only once an earlier rule has run — an e-mail whose base64 body is a
 * whole HTML page — still gets its boilerplate removed: the curation loads the reader and runs
 * again, instead of failing (this file never imports the reader up front).
 */
import { describe, expect, it } from 'vitest';
import { hasWebPageReader, WebPageReaderMissing } from '../../src/data/curate/boilerplate';
import { curate } from '../../src/data/curate/curate';
import { DEFAULT_CURATION } from '../../src/data/curate/rules';
import { withWebPageReader } from '../../src/data/extract/extract';
import { HTML_ARTICLE, HTML_COOKIE, makeHtml } from '../fixtures/documents';

/** A MIME e-mail whose only part is the fixture web page, base64-encoded. */
function mailWithPage(): string {
  const body = Buffer.from(makeHtml(), 'utf8').toString('base64').replace(/.{76}/gu, '$&\n');
  return [
    'From: newsletter@example.com',
    'To: reader@example.com',
    'Subject: How frogs grow',
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset="utf-8"',
    'Content-Transfer-Encoding: base64',
    '',
    body,
  ].join('\n');
}

describe('a web page inside an e-mail', () => {
  it('needs the reader, which the raw mail does not show', () => {
    expect(hasWebPageReader()).toBe(false);
    expect(() => curate([mailWithPage()], DEFAULT_CURATION)).toThrow(WebPageReaderMissing);
  });

  it('is curated to its article once the reader is loaded on demand', async () => {
    const report = await withWebPageReader(() => curate([mailWithPage()], DEFAULT_CURATION));
    expect(hasWebPageReader()).toBe(true);
    const [text] = report.documents;
    expect(text).toContain(HTML_ARTICLE[0]);
    expect(text).not.toContain(HTML_COOKIE);
    expect(text).not.toContain('newsletter@example.com');
    expect(text).not.toContain('<p>');
  });

  it('passes other errors through', async () => {
    await expect(
      withWebPageReader(() => {
        throw new Error('something else');
      }),
    ).rejects.toThrow('something else');
  });
});
