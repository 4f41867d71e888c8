import { describe, expect, it } from 'vitest';
import { CLEANERS } from '../../src/data/curate';
import { collapseWhitespace, removeControlChars } from '../../src/data/curate/clean';
import { decodeQuotedPrintable, unwrapMail } from '../../src/data/curate/mail';
import { decodeEntities, stripMarkup } from '../../src/data/curate/markup';

describe('cleaners', () => {
  it('normalises Unicode to NFC', () => {
    const decomposed = 'Cafe\u0301 nai\u0308ve';
    const cleaned = CLEANERS.unicode.clean(decomposed);
    expect(cleaned).toBe('Café naïve');
    expect([...cleaned]).toHaveLength(10);
  });

  it('strips HTML tags, comments, scripts and styles, and decodes entities', () => {
    const html =
      '<html><head><title>t</title><style>p{color:red}</style></head><body>' +
      '<!-- hidden --><p>Fish &amp; chips &eacute;t&#233; &#x1F433;</p>' +
      '<script>if (a<b) alert(1)</script><div>Two<br>lines</div></body></html>';
    const text = stripMarkup(html);
    expect(text).not.toMatch(/[<>]/);
    expect(text).not.toContain('hidden');
    expect(text).not.toContain('alert');
    expect(text).not.toContain('color');
    expect(text).toContain('Fish & chips été 🐳');
    expect(text).toMatch(/Two\nlines/);
  });

  it('leaves prose with angle brackets and unknown entities alone', () => {
    expect(stripMarkup('if a<b and c>d then stop')).toBe('if a<b and c>d then stop');
    expect(stripMarkup('x < y > z')).toBe('x < y > z');
    expect(decodeEntities('AT&T &bogus; &#0; &#xD800;')).toBe('AT&T &bogus; &#0; &#xD800;');
    expect(stripMarkup('plain text, no markup')).toBe('plain text, no markup');
  });

  it('drops inline tags without spaces and turns block tags into one line break', () => {
    expect(stripMarkup('<b>Hel</b>lo')).toBe('Hello');
    expect(stripMarkup('A<BR>\nB<p>C</p>')).toBe('A\nB\nC\n');
    expect(stripMarkup('<a href="http://x?a=1&amp;b=2">link</a>')).toBe('link');
  });

  it('removes control characters and turns CR LF into LF, keeping tabs, newlines and ZWJ', () => {
    const family = '👨\u200d👩\u200d👧';
    const dirty = '\ufeffa\u0000b\u0007c\r\nd\re\tf\u009b\u200b' + family;
    expect(removeControlChars(dirty)).toBe('abc\nd\ne\tf' + family);
  });

  it('collapses whitespace runs and keeps at most one blank line', () => {
    const text = '  one \t two\u00a0\u00a0three  \n\n\n\n four   \n';
    expect(collapseWhitespace(text)).toBe('one two three\n\nfour');
  });

  it('lower-cases only when asked (off by default)', () => {
    expect(CLEANERS.lowercase.clean('ÉTÉ Whale')).toBe('été whale');
    expect(CLEANERS.lowercase.enabledByDefault).toBe(false);
  });
});

describe('mail cleaner', () => {
  const headers = [
    'From someone@example.com  Mon Jul  2 01:38:18 2001',
    'Return-Path: <someone@example.com>',
    'Received: from mail.example.com (mail [10.0.0.1])',
    '    by host with SMTP id 123',
    'From: Someone <someone@example.com>',
    'Subject: Hello there',
  ];

  it('removes the header block of a message', () => {
    const mail = [...headers, '', 'The body of the message.', '', 'Second paragraph.'].join('\n');
    expect(unwrapMail(mail)).toBe('The body of the message.\n\nSecond paragraph.');
  });

  it('keeps text that is not a mail message', () => {
    const prose = 'Note: this is not mail.\nIt just has a colon.\n\nAnd a body.';
    expect(unwrapMail(prose)).toBe(prose);
    expect(unwrapMail('just text')).toBe('just text');
  });

  it('keeps the text part of a multipart message and drops attachments', () => {
    const mail = [
      ...headers,
      'Content-Type: multipart/mixed; boundary="XYZ"',
      '',
      'This is a multi-part message in MIME format.',
      '--XYZ',
      'Content-Type: multipart/alternative; boundary="ALT"',
      '',
      '--ALT',
      'Content-Type: text/plain; charset=iso-8859-1',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Caf=E9 for every=',
      'one =3D free',
      '--ALT',
      'Content-Type: text/html',
      '',
      '<p>HTML copy</p>',
      '--ALT--',
      '--XYZ',
      'Content-Type: image/gif; name="x.gif"',
      'Content-Transfer-Encoding: base64',
      '',
      'R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=',
      '--XYZ',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      btoa('Signed: the team'),
      '--XYZ--',
    ].join('\n');
    const text = unwrapMail(mail);
    expect(text).toBe('Café for everyone = free\n\nSigned: the team');
  });

  it('decodes quoted-printable in the given charset', () => {
    expect(decodeQuotedPrintable('a=3Db =C3=A9', 'utf-8')).toBe('a=b é');
    expect(decodeQuotedPrintable('na=EFve', 'iso-8859-1')).toBe('naïve');
  });
});
