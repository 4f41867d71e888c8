/**
 * The first merges BPE learned: the most frequent pairs of the training text, in order.
 */
import type { MergeView } from '../../worker/data/protocol';
import { visibleText } from './tokenDisplay';

/** Each merge as "left + right → merged". */
export function MergeList({ merges }: { merges: readonly MergeView[] }) {
  return (
    <div className="data-merges">
      <h3 className="subhead">First merges learned</h3>
      <ol>
        {merges.map((merge) => (
          <li key={merge.rank} title={`id ${merge.id}`}>
            <code>{visibleText(merge.left)}</code>+<code>{visibleText(merge.right)}</code>→
            <code className="data-merged">{visibleText(merge.text)}</code>
          </li>
        ))}
      </ol>
    </div>
  );
}
