/**
 * A training batch as plain arrays: what the model reads, what it must predict, and how much
 * each position counts. Both objectives produce this shape, so one loss serves both.
 */

/** One batch, all arrays of length batchSize · blockSize, row after row. */
export interface Batch {
  /** Token ids the model reads. */
  inputs: Int32Array;
  /** Token id the model must predict at each position. */
  targets: Int32Array;
  /** Loss weight of each position: 1 counts, 0 is ignored. */
  weights: Float32Array;
  batchSize: number;
  blockSize: number;
}
