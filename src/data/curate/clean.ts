/**
 * Cleaners: each rewrites one document's text, in the order listed in `CLEANERS`. They never
 * drop a document; one that ends up empty is dropped by the pipeline.
 */
import { removeWebBoilerplate } from './boilerplate';
import { unwrapMail } from './mail';
import { stripMarkup } from './markup';
import { joinHyphenatedWords, removePageNumbers, removeRunningHeaders } from './pages';

/** The name of a cleaner. */
export type CleanerName =
  | 'unicode'
  | 'mail'
  | 'webBoilerplate'
  | 'markup'
  | 'runningHeaders'
  | 'pageNumbers'
  | 'hyphenation'
  | 'controlChars'
  | 'whitespace'
  | 'lowercase';

/** A cleaner and what the UI says about it. */
export interface CleanerSpec {
  /** Short label for the control. */
  label: string;
  /** One sentence on what it does and why. */
  description: string;
  /** Whether the cleaner is on by default. */
  enabledByDefault: boolean;
  /** Returns the cleaned text. */
  clean(text: string): string;
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufeff\u200b]/gu;
// Runs of two or more spaces, or any horizontal whitespace other than a plain space.
const HORIZONTAL_SPACE = /[^\S\n]{2,}|[^\S \n]/gu;
const SPACE_AROUND_NEWLINE = / \n ?|\n /gu;
const MANY_NEWLINES = /\n{3,}/gu;

/** Removes control characters; CR LF and lone CR become LF, tabs and newlines are kept. */
export function removeControlChars(text: string): string {
  return text.replace(/\r\n?/gu, '\n').replace(CONTROL, '');
}

/** Collapses runs of spaces and tabs to one space, trims lines, and keeps at most one blank line. */
export function collapseWhitespace(text: string): string {
  return text
    .replace(/\r\n?/gu, '\n')
    .replace(HORIZONTAL_SPACE, ' ')
    .replace(SPACE_AROUND_NEWLINE, '\n')
    .replace(MANY_NEWLINES, '\n\n')
    .trim();
}

/** Every cleaner, in the order the pipeline applies them. */
export const CLEANERS: Record<CleanerName, CleanerSpec> = {
  unicode: {
    label: 'Unicode NFC',
    description:
      'Composes characters into their canonical form (e + ◌́ → é), so the same text always has the same code points.',
    enabledByDefault: true,
    clean: (text) => text.normalize('NFC'),
  },
  mail: {
    label: 'E-mail structure',
    description:
      'Removes e-mail headers (From:, Received: …) and MIME boundaries, drops attachments, and decodes quoted-printable and base64 text.',
    enabledByDefault: true,
    clean: unwrapMail,
  },
  webBoilerplate: {
    label: 'Web page boilerplate',
    description:
      'Keeps only the main content of saved web pages, as a reader view does: navigation menus, cookie banners, sidebars and footers go.',
    enabledByDefault: true,
    clean: removeWebBoilerplate,
  },
  markup: {
    label: 'HTML markup',
    description:
      'Removes HTML tags, comments, scripts and styles, and decodes entities such as &amp; and &#233;.',
    enabledByDefault: true,
    clean: stripMarkup,
  },
  runningHeaders: {
    label: 'Running headers and footers',
    description:
      'Removes lines repeated at the top or bottom of most pages of a PDF (a title, a chapter name), which would otherwise interrupt the text on every page.',
    enabledByDefault: true,
    clean: removeRunningHeaders,
  },
  pageNumbers: {
    label: 'Page numbers',
    description:
      'Removes page numbers ("7", "Page 7", "7 of 12") from the top or bottom of each page of a PDF.',
    enabledByDefault: true,
    clean: removePageNumbers,
  },
  hyphenation: {
    label: 'Hyphenated line breaks',
    description:
      'Joins words that typesetting broke at a line end (exam-/ple → example), keeping compounds the text writes with a hyphen elsewhere.',
    enabledByDefault: true,
    clean: joinHyphenatedWords,
  },
  controlChars: {
    label: 'Control characters',
    description:
      'Removes invisible control characters (and the byte-order mark); line ends become plain newlines.',
    enabledByDefault: true,
    clean: removeControlChars,
  },
  whitespace: {
    label: 'Whitespace',
    description:
      'Collapses runs of spaces and tabs to one space and keeps at most one blank line between paragraphs.',
    enabledByDefault: true,
    clean: collapseWhitespace,
  },
  lowercase: {
    label: 'Lower-case',
    description:
      'Lower-cases every letter: a smaller vocabulary, at the cost of the information in capitals.',
    enabledByDefault: false,
    clean: (text) => text.toLowerCase(),
  },
};

/** The cleaners' names in the order the pipeline applies them. */
export const CLEANER_ORDER: readonly CleanerName[] = [
  'unicode',
  'mail',
  'webBoilerplate',
  'markup',
  'runningHeaders',
  'pageNumbers',
  'hyphenation',
  'controlChars',
  'whitespace',
  'lowercase',
];
