/**
 * EPUB books: the archive (checked against its inflated size first), the package file named by
 * `META-INF/container.xml`, and each chapter of the spine in reading order as a document, its
 * XHTML turned into text by the same markup stripping as curation's.
 */
import { stripMarkup } from '../curate/markup';
import { unzipWithin } from '../../shared/unzip';
import { MAX_INFLATED_BYTES } from './limits';
import { splitLongText, type Extraction } from './types';

/** The attributes of each `<tag …>` in some XML. */
function tagsOf(xml: string, tag: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (const match of xml.matchAll(new RegExp(`<(?:[\\w-]+:)?${tag}\\b([^>]*)>`, 'giu'))) {
    const attributes: Record<string, string> = {};
    for (const a of (match[1] ?? '').matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/gu)) {
      attributes[a[1] ?? ''] = a[2] ?? a[3] ?? '';
    }
    found.push(attributes);
  }
  return found;
}

/** A path relative to the package file's folder, with `..` and URL escapes resolved. */
function resolvePath(base: string, href: string): string {
  const parts = [
    ...base.split('/').slice(0, -1),
    ...decodeURIComponent(href.split('#')[0] ?? '').split('/'),
  ];
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

/** The visible text of an XHTML chapter: source line breaks are spaces, blocks are lines. */
export function textOfXhtml(xhtml: string): string {
  const body = /<body\b[^>]*>([\s\S]*)<\/body>/iu.exec(xhtml)?.[1] ?? xhtml;
  return stripMarkup(body.replace(/\s+/gu, ' '))
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{2,}/gu, '\n\n')
    .trim();
}

/** Reads an EPUB's chapters, in reading order. */
export function extractEpub(bytes: Uint8Array): Extraction {
  const archive = unzipWithin(bytes, MAX_INFLATED_BYTES);
  if (!archive.ok) return { ok: false, error: archive.message };
  const { entries } = archive;
  const read = (path: string): string | null => {
    const entry = entries.get(path);
    return entry === undefined ? null : new TextDecoder().decode(entry);
  };
  const container = read('META-INF/container.xml');
  const packagePath =
    container === null ? undefined : tagsOf(container, 'rootfile')[0]?.['full-path'];
  const opf = packagePath === undefined ? null : read(packagePath);
  if (packagePath === undefined || opf === null) {
    return { ok: false, error: 'it is a zip archive but not an EPUB book (no package file)' };
  }
  const manifest = new Map(tagsOf(opf, 'item').map((item) => [item.id ?? '', item]));
  const documents: string[] = [];
  let chapters = 0;
  for (const reference of tagsOf(opf, 'itemref')) {
    const item = manifest.get(reference.idref ?? '');
    if (item?.href === undefined || (item.properties ?? '').split(/\s+/u).includes('nav')) continue;
    const chapter = read(resolvePath(packagePath, item.href));
    if (chapter === null) continue;
    const text = textOfXhtml(chapter);
    if (text === '') continue;
    chapters += 1;
    documents.push(...splitLongText(text));
  }
  if (documents.length === 0) return { ok: false, error: 'the EPUB book has no chapter with text' };
  return { ok: true, documents, note: `${chapters} chapter${chapters === 1 ? '' : 's'}` };
}
