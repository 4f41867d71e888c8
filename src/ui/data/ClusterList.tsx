/**
 * The duplicate clusters deduplication found: each one expandable to the start of its members,
 * the first of which is kept.
 */
import type { ClusterView } from '../../worker/data/protocol';
import { formatCount } from '../format';

interface ClusterListProps {
  clusters: readonly ClusterView[];
  /** All clusters found (the list holds the largest ones). */
  total: number;
}

/** Every cluster shown, largest first. */
export function ClusterList({ clusters, total }: ClusterListProps) {
  if (total === 0) return <p className="hint">No duplicate clusters found.</p>;
  return (
    <details className="data-clusters">
      <summary>
        Duplicate clusters found: {formatCount(total)}
        {total > clusters.length ? ` (the ${clusters.length} largest listed)` : ''}
      </summary>
      <ol>
        {clusters.map((cluster) => {
          const [kept] = cluster.members;
          return (
            <li key={`${cluster.kind}-${kept?.index ?? 0}`}>
              <details>
                <summary>
                  <span className={`data-cluster-kind is-${cluster.kind}`}>
                    {cluster.kind === 'exact' ? 'Exact' : 'Near'}
                  </span>{' '}
                  {cluster.size} documents, #{(kept?.index ?? 0) + 1} kept
                </summary>
                <ul>
                  {cluster.members.map((member, i) => (
                    <li key={member.index}>
                      <span className="data-doc-id">#{member.index + 1}</span>
                      <span className="data-why">
                        {i === 0 ? 'kept' : `similarity ${member.similarity.toFixed(2)}`}
                      </span>
                      <span className="data-snippet">{member.snippet}</span>
                    </li>
                  ))}
                  {cluster.size > cluster.members.length ? (
                    <li className="hint">… and {cluster.size - cluster.members.length} more</li>
                  ) : null}
                </ul>
              </details>
            </li>
          );
        })}
      </ol>
    </details>
  );
}
