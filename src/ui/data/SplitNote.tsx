/**
 * How the curated documents were split into training and validation text.
 */
import type { SplitSummary } from '../../worker/data/protocol';
import { formatCount } from '../format';
import { formatShare, plural } from './format';

/** One sentence on the split. */
export function SplitNote({ split }: { split: SplitSummary }) {
  const total = split.trainCharacters + split.valCharacters;
  if (split.mode === 'characters') {
    return (
      <p className="data-split">
        <strong>Train / validation split:</strong> there is a single document, so its last{' '}
        {formatShare(split.valCharacters, total)} ({formatCount(split.valCharacters)} characters) is
        held out for validation, cut at a line break.
      </p>
    );
  }
  return (
    <p className="data-split">
      <strong>Train / validation split by document:</strong>{' '}
      {plural(split.trainDocuments, 'document')} ({formatCount(split.trainCharacters)} characters)
      for training, {plural(split.valDocuments, 'document')} ({formatCount(split.valCharacters)}{' '}
      characters, {formatShare(split.valCharacters, total)}) for validation. The members of a
      duplicate cluster always land on the same side.
    </p>
  );
}
