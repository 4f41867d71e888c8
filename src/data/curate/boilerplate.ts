/**
 * Web-page boilerplate: a saved web page is kept as its HTML until curation, where this rule
 * keeps only its main content — what a reader view shows — and drops navigation menus, cookie
 * banners, sidebars and footers; the markup rule then turns what is left into text. Finding the
 * main content needs a DOM and Readability, which the caller loads when a corpus holds a web page
 * (`setWebPageReader`; see src/data/extract/web-page.ts), so they stay out of every other bundle.
 */

import { stripMarkup } from './markup';

/** Returns the HTML of a page's main content. */
export type WebPageReader = (html: string) => string;

let reader: WebPageReader | null = null;

/** Thrown when curation meets a web page before a reader is installed (see withWebPageReader). */
export class WebPageReaderMissing extends Error {
  constructor() {
    super('The web-page reader is not loaded: call setWebPageReader before curating web pages.');
    this.name = 'WebPageReaderMissing';
  }
}

/** Installs the reader that finds a page's main content. */
export function setWebPageReader(next: WebPageReader): void {
  reader = next;
}

/** Whether a reader is installed. */
export function hasWebPageReader(): boolean {
  return reader !== null;
}

/** Whether a document is a whole web page (it starts with a doctype or an `<html>` tag). */
export function looksLikeWebPage(text: string): boolean {
  return /^\s*(?:<!doctype\s+html|<html[\s>])/iu.test(text.slice(0, 2048));
}

/** The page's main content as HTML; any other document comes back unchanged. */
export function removeWebBoilerplate(text: string): string {
  if (!looksLikeWebPage(text)) return text;
  if (reader === null) throw new WebPageReaderMissing();
  const content = reader(text);
  // A page that is all main content comes back as it was (not re-wrapped by the reader).
  const words = (html: string): string => stripMarkup(html).replace(/\s+/gu, ' ').trim();
  return words(content) === words(text) ? text : content;
}
