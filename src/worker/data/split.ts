/**
 * The train/validation split the data stage trains on: by document (duplicate clusters kept
 * on one side) when there are two groups or more; a single document is cut near the end, at a
 * line break, so that a one-file corpus can still be trained on.
 */
import { countCodePoints, DOCUMENT_SEPARATOR, splitDocuments } from '../../data/curate';
import type { SplitResult } from './protocol';

/** How far back from the cut point a line break is looked for, as a share of the text. */
const LINE_BREAK_WINDOW = 0.05;

/** The index to cut `text` at so that about `valFraction` of it comes after: a line break if one is near. */
function cutPoint(text: string, valFraction: number): number {
  let cut = Math.round(text.length * (1 - valFraction));
  const lineBreak = text.lastIndexOf('\n', cut);
  if (lineBreak > 0 && cut - lineBreak <= text.length * LINE_BREAK_WINDOW) cut = lineBreak + 1;
  // Never cut a surrogate pair in two.
  const unit = text.charCodeAt(cut - 1);
  if (unit >= 0xd800 && unit <= 0xdbff) cut += 1;
  return cut;
}

/**
 * Splits documents into training and validation text. `groups[i]` is document i's duplicate
 * cluster (from curation). Throws when there are no documents.
 */
export function splitForTraining(
  documents: readonly string[],
  groups: readonly number[],
  valFraction: number,
  seed: number,
): SplitResult {
  if (documents.length === 0) throw new Error('No documents are left to split.');
  const distinctGroups = new Set(groups.length === documents.length ? groups : documents.keys());
  if (distinctGroups.size >= 2) {
    const split = splitDocuments(
      documents,
      valFraction,
      seed,
      groups.length === documents.length ? groups : undefined,
    );
    const trainText = split.train.join(DOCUMENT_SEPARATOR);
    const valText = split.val.join(DOCUMENT_SEPARATOR);
    return {
      trainText,
      valText,
      trainDocuments: split.train.length,
      valDocuments: split.val.length,
      trainCharacters: countCodePoints(trainText),
      valCharacters: countCodePoints(valText),
      mode: 'documents',
    };
  }
  const text = documents.join(DOCUMENT_SEPARATOR);
  const cut = cutPoint(text, valFraction);
  const trainText = text.slice(0, cut);
  const valText = text.slice(cut);
  return {
    trainText,
    valText,
    trainDocuments: documents.length,
    valDocuments: 0,
    trainCharacters: countCodePoints(trainText),
    valCharacters: countCodePoints(valText),
    mode: 'characters',
  };
}
