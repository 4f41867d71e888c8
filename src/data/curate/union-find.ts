/**
 * Disjoint sets over 0…n−1 whose root is always the smallest member, so a cluster's root is
 * its first document.
 */

/** Disjoint sets with union by smallest index and path halving. */
export class UnionFind {
  private readonly parent: Int32Array;

  /** Creates `size` singleton sets. */
  constructor(size: number) {
    this.parent = new Int32Array(size);
    for (let i = 0; i < size; i++) this.parent[i] = i;
  }

  /** The smallest member of the set holding `x`. */
  find(x: number): number {
    let node = x;
    for (;;) {
      const parent = this.parent[node] ?? node;
      if (parent === node) return node;
      const grandparent = this.parent[parent] ?? parent;
      this.parent[node] = grandparent;
      node = grandparent;
    }
  }

  /** Merges the sets of `a` and `b`. */
  union(a: number, b: number): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA === rootB) return;
    if (rootA < rootB) this.parent[rootB] = rootA;
    else this.parent[rootA] = rootB;
  }

  /** The sets with more than one member, each sorted ascending, in order of their roots. */
  groups(): number[][] {
    const byRoot = new Map<number, number[]>();
    for (let i = 0; i < this.parent.length; i++) {
      const root = this.find(i);
      const group = byRoot.get(root);
      if (group) group.push(i);
      else byRoot.set(root, [i]);
    }
    return [...byRoot.values()]
      .filter((g) => g.length > 1)
      .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
  }
}
