/**
 * What a V8 heap holds, by kind of object: a heap snapshot (the DevTools protocol's
 * `HeapProfiler.takeHeapSnapshot`, as JSON) summed by node type and name, and the difference
 * between two such sums. The soak prints the largest growers with `--heap-diff`, so a heap that
 * grows says what grows.
 */

/** Self size and count of one kind of object (type and constructor or string name). */
export interface HeapKind {
  kind: string;
  count: number;
  bytes: number;
}

interface SnapshotJson {
  snapshot: { meta: { node_fields: string[]; node_types: (string[] | string)[] } };
  nodes: number[];
  strings: string[];
}

/** The snapshot's objects summed by type and name (strings and numbers by type only). */
export function summarise(snapshotText: string): Map<string, HeapKind> {
  const json = JSON.parse(snapshotText) as SnapshotJson;
  const fields = json.snapshot.meta.node_fields;
  const types = json.snapshot.meta.node_types[0];
  if (!Array.isArray(types)) throw new Error('heap snapshot without node types');
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const kinds = new Map<string, HeapKind>();
  for (let i = 0; i < json.nodes.length; i += width) {
    const type = types[json.nodes[i + typeAt] ?? 0] ?? '?';
    const named = type === 'object' || type === 'closure' || type === 'native';
    const kind = named ? `${type} ${json.strings[json.nodes[i + nameAt] ?? 0] ?? '?'}` : type;
    const entry = kinds.get(kind) ?? { kind, count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += json.nodes[i + sizeAt] ?? 0;
    kinds.set(kind, entry);
  }
  return kinds;
}

/** The kinds that grew most from `before` to `after`, largest growth first. */
export function growth(
  before: Map<string, HeapKind>,
  after: Map<string, HeapKind>,
  top = 15,
): HeapKind[] {
  const grown: HeapKind[] = [];
  for (const [kind, entry] of after) {
    const was = before.get(kind);
    grown.push({
      kind,
      count: entry.count - (was?.count ?? 0),
      bytes: entry.bytes - (was?.bytes ?? 0),
    });
  }
  return grown.sort((a, b) => b.bytes - a.bytes).slice(0, top);
}

/** A table of growers, one per line. */
export function formatGrowth(title: string, grown: readonly HeapKind[]): string {
  const lines = grown.map(
    (g) =>
      `  ${(g.bytes / 1024).toFixed(1).padStart(9)} kB  ${String(g.count).padStart(8)}  ${g.kind}`,
  );
  return `${title}\n       growth     count  kind\n${lines.join('\n')}\n`;
}
