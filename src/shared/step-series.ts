/**
 * A run's training points, stored by value in one growing `Float64Array` (five numbers a step)
 * instead of one object per step: a 30-minute run keeps every step in 40 bytes each, where
 * objects with boxed numbers cost about 60 and give the collector thousands of objects to walk.
 * Reading a point makes a fresh object; the hot paths (the chart's losses) read one column.
 */

/** One training step as the worker reports it. */
export interface StepPoint {
  step: number;
  tokensSeen: number;
  loss: number;
  gradNorm: number;
  learningRate: number;
}

const FIELDS = 5;
const MIN_CAPACITY = 256;

export class StepSeries implements Iterable<StepPoint> {
  private values = new Float64Array(0);
  private count = 0;

  constructor(points: Iterable<StepPoint> = []) {
    this.append(points);
  }

  /** How many points it holds. */
  get length(): number {
    return this.count;
  }

  /** Appends points, in order (an array of any length: no spread of arguments). */
  append(points: Iterable<StepPoint>): void {
    for (const point of points) {
      this.reserve(this.count + 1);
      const at = this.count * FIELDS;
      this.values[at] = point.step;
      this.values[at + 1] = point.tokensSeen;
      this.values[at + 2] = point.loss;
      this.values[at + 3] = point.gradNorm;
      this.values[at + 4] = point.learningRate;
      this.count += 1;
    }
  }

  /** The point at `index` (negative counts from the end), or undefined outside the series. */
  at(index: number): StepPoint | undefined {
    const i = index < 0 ? this.count + index : index;
    if (!Number.isInteger(i) || i < 0 || i >= this.count) return undefined;
    const at = i * FIELDS;
    return {
      step: this.values[at] ?? 0,
      tokensSeen: this.values[at + 1] ?? 0,
      loss: this.values[at + 2] ?? NaN,
      gradNorm: this.values[at + 3] ?? NaN,
      learningRate: this.values[at + 4] ?? NaN,
    };
  }

  /** The step number at `index` (no object made). */
  stepAt(index: number): number {
    return this.values[index * FIELDS] ?? NaN;
  }

  /** The tokens seen at `index` (no object made). */
  tokensAt(index: number): number {
    return this.values[index * FIELDS + 1] ?? NaN;
  }

  /** The loss at `index` (no object made). */
  lossAt(index: number): number {
    return this.values[index * FIELDS + 2] ?? NaN;
  }

  /** The points, as plain objects (to send to a worker or write out). */
  toArray(): StepPoint[] {
    return Array.from(this);
  }

  /** The points up to and including step `step`. */
  upTo(step: number): StepPoint[] {
    const out: StepPoint[] = [];
    for (let i = 0; i < this.count; i++) {
      const point = this.stepAt(i) <= step ? this.at(i) : undefined;
      if (point !== undefined) out.push(point);
    }
    return out;
  }

  /** `JSON.stringify` writes the points as an array of objects. */
  toJSON(): StepPoint[] {
    return this.toArray();
  }

  *[Symbol.iterator](): Iterator<StepPoint> {
    for (let i = 0; i < this.count; i++) {
      const point = this.at(i);
      if (point !== undefined) yield point;
    }
  }

  private reserve(points: number): void {
    if (points * FIELDS <= this.values.length) return;
    const capacity = Math.max(MIN_CAPACITY, Math.ceil(points * 1.5));
    const grown = new Float64Array(capacity * FIELDS);
    grown.set(this.values.subarray(0, this.count * FIELDS));
    this.values = grown;
  }
}
