/**
 * A max-heap of (count, pair) entries for BPE training: the most frequent pair on top, ties
 * broken by the smaller pair key so training is deterministic. Stale entries are allowed
 * (lazy deletion): the caller skips an entry whose count is no longer current.
 */

/** A binary max-heap keyed by count, then by smallest pair key. */
export class PairHeap {
  private readonly counts: number[] = [];
  private readonly keys: number[] = [];

  /** Number of entries, stale ones included. */
  get size(): number {
    return this.counts.length;
  }

  /** Adds an entry. */
  push(count: number, key: number): void {
    this.counts.push(count);
    this.keys.push(key);
    this.siftUp(this.counts.length - 1);
  }

  /** Removes and returns the top entry, or null when empty. */
  pop(): { count: number; key: number } | null {
    const n = this.counts.length;
    if (n === 0) return null;
    const top = { count: this.counts[0] ?? 0, key: this.keys[0] ?? 0 };
    const lastCount = this.counts.pop() ?? 0;
    const lastKey = this.keys.pop() ?? 0;
    if (n > 1) {
      this.counts[0] = lastCount;
      this.keys[0] = lastKey;
      this.siftDown(0);
    }
    return top;
  }

  /** Whether entry i belongs above entry j. */
  private above(i: number, j: number): boolean {
    const ci = this.counts[i] ?? 0;
    const cj = this.counts[j] ?? 0;
    return ci > cj || (ci === cj && (this.keys[i] ?? 0) < (this.keys[j] ?? 0));
  }

  private swap(i: number, j: number): void {
    const count = this.counts[i] ?? 0;
    const key = this.keys[i] ?? 0;
    this.counts[i] = this.counts[j] ?? 0;
    this.keys[i] = this.keys[j] ?? 0;
    this.counts[j] = count;
    this.keys[j] = key;
  }

  private siftUp(start: number): void {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.above(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(start: number): void {
    const n = this.counts.length;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let best = i;
      if (left < n && this.above(left, best)) best = left;
      if (right < n && this.above(right, best)) best = right;
      if (best === i) return;
      this.swap(i, best);
      i = best;
    }
  }
}
