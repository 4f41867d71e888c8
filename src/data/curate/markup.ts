/**
 * HTML/XML markup stripping: removes scripts, styles, comments and tags of known HTML
 * elements that look like tags (so "if a<b and c>d" survives), turns block-level tags into line
 * breaks and drops inline ones, and decodes character entities.
 */

/** Elements whose tags are removed; anything else in angle brackets is left alone. */
const TAG_NAMES = [
  'a abbr address area article aside audio b base basefont bdi bdo big blink blockquote body br',
  'button canvas caption center cite code col colgroup data dd del details dfn dialog dir div dl',
  'dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head',
  'header hr html i iframe img input ins kbd label legend li link main map mark marquee menu meta',
  'meter nav nobr noframes noscript object ol optgroup option output p param picture pre progress',
  'q rp rt ruby s samp script section select small source span strike strong style sub summary',
  'sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul var video',
  'wbr xml o:p v:shape',
].join(' ');

/** Tags that end a line of text when removed. */
const BLOCK_TAGS = new Set(
  'address article aside blockquote body br center dd div dl dt footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section table tbody td tfoot th thead title tr ul'.split(
    ' ',
  ),
);

const TAG = new RegExp(
  // A bare tag (`<p>`, `</p>`, `<br/>`) or one whose attributes contain an `=`: "a<b and c>d" is prose.
  `<\\/?(${TAG_NAMES.split(' ').join('|')})(?:\\s*\\/?>|\\s(?:[^<>"'=]|"[^"]*"|'[^']*')*=(?:[^<>"']|"[^"]*"|'[^']*')*>)([ \\t]*\\n)?`,
  'giu',
);
const HIDDEN_ELEMENT = /<(script|style|head|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>/giu;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/gu;
const DECLARATION = /<![a-z][^>]*>|<\?[\s\S]*?\?>/giu;
const ENTITY = /&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/giu;

/** Named character entities (the ones found in mail and web pages; unknown ones stay as they are). */
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  shy: '',
  zwnj: '\u200c',
  zwj: '\u200d',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  plusmn: '±',
  times: '×',
  divide: '÷',
  micro: 'µ',
  para: '¶',
  sect: '§',
  middot: '·',
  bull: '•',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  cent: '¢',
  pound: '£',
  yen: '¥',
  euro: '€',
  curren: '¤',
  iexcl: '¡',
  iquest: '¿',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  sup2: '²',
  sup3: '³',
  agrave: 'à',
  aacute: 'á',
  acirc: 'â',
  atilde: 'ã',
  auml: 'ä',
  aring: 'å',
  aelig: 'æ',
  ccedil: 'ç',
  egrave: 'è',
  eacute: 'é',
  ecirc: 'ê',
  euml: 'ë',
  igrave: 'ì',
  iacute: 'í',
  icirc: 'î',
  iuml: 'ï',
  ntilde: 'ñ',
  ograve: 'ò',
  oacute: 'ó',
  ocirc: 'ô',
  otilde: 'õ',
  ouml: 'ö',
  oslash: 'ø',
  ugrave: 'ù',
  uacute: 'ú',
  ucirc: 'û',
  uuml: 'ü',
  yacute: 'ý',
  yuml: 'ÿ',
  szlig: 'ß',
  Agrave: 'À',
  Aacute: 'Á',
  Acirc: 'Â',
  Auml: 'Ä',
  Aring: 'Å',
  AElig: 'Æ',
  Ccedil: 'Ç',
  Egrave: 'È',
  Eacute: 'É',
  Ecirc: 'Ê',
  Ntilde: 'Ñ',
  Oacute: 'Ó',
  Ouml: 'Ö',
  Oslash: 'Ø',
  Uacute: 'Ú',
  Uuml: 'Ü',
};

/** Decodes numeric (`&#233;`, `&#xE9;`) and known named (`&eacute;`) character references. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole: string, body: string) => {
    if (body.startsWith('#')) {
      const hex = body[1] === 'x' || body[1] === 'X';
      const codePoint = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
      const valid =
        codePoint > 0 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff);
      return valid ? String.fromCodePoint(codePoint) : whole;
    }
    return NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** Removes HTML markup and decodes entities; text without markup comes back unchanged. */
export function stripMarkup(text: string): string {
  if (!text.includes('<') && !text.includes('&')) return text;
  let out = text;
  if (out.includes('<')) {
    out = out
      .replace(COMMENT, ' ')
      .replace(HIDDEN_ELEMENT, ' ')
      .replace(DECLARATION, ' ')
      // A block tag ends the line (once, even when the source breaks the line after it too).
      .replace(TAG, (_tag: string, name: string, newline: string | undefined) =>
        BLOCK_TAGS.has(name.toLowerCase()) ? '\n' : (newline ?? ''),
      );
  }
  return decodeEntities(out);
}
