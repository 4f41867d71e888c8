/**
 * A web page's main content, as a reader view finds it: Readability (`@mozilla/readability`,
 * Firefox's Reader View) on a DOM built by linkedom, which parses HTML in a worker or in Node and
 * never runs a script. Where Readability finds no article (a short page), the page's navigation,
 * header, footer, sidebars, forms and cookie banners are removed by their elements and roles, and
 * the rest of the body is kept. Results are remembered, as curation runs again on every change.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { setWebPageReader } from '../curate/boilerplate';

/** Elements (and roles) that are a page's furniture rather than its content. */
const FURNITURE = [
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'dialog',
  '[role="navigation"]',
  '[role="banner"]',
  '[role="contentinfo"]',
  '[role="complementary"]',
  '[role="search"]',
  '[aria-modal="true"]',
].join(',');

/** Class or id words of menus, banners and footers. */
const FURNITURE_NAMES =
  /(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|cookies?|consent|banner|footer|sidebar|share|social)(?:$|[\s_-])/iu;

/** The DOM document Readability reads. */
type ReaderDocument = ConstructorParameters<typeof Readability>[0];

/** Pages remembered (curation runs again whenever a rule changes). */
const REMEMBERED = 256;
const remembered = new Map<string, string>();

/** The HTML of a page's main content, its title as a heading. */
export function mainContentOf(html: string): string {
  const known = remembered.get(html);
  if (known !== undefined) return known;
  const { document } = parseHTML(html);
  const title = document.querySelector('title')?.textContent?.trim() ?? '';
  let content = '';
  try {
    const article = new Readability(document.cloneNode(true) as unknown as ReaderDocument, {
      charThreshold: 200,
    }).parse();
    if (article?.content && (article.textContent ?? '').trim() !== '') {
      const heading = article.title ?? title;
      content = `${heading === '' ? '' : `<h1>${escapeText(heading)}</h1>\n`}${article.content}`;
    }
  } catch {
    content = '';
  }
  if (content === '') {
    const body = document.querySelector('body') ?? document.documentElement;
    for (const element of [...body.querySelectorAll(FURNITURE)]) element.remove();
    for (const element of [...body.querySelectorAll('[class],[id]')]) {
      const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
      if (FURNITURE_NAMES.test(names)) element.remove();
    }
    content = body.innerHTML;
  }
  if (remembered.size >= REMEMBERED) remembered.clear();
  remembered.set(html, content);
  return content;
}

function escapeText(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}

setWebPageReader(mainContentOf);
