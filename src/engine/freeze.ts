/**
 * Freezing for fine-tuning: which parameters (by nanoGPT name) the optimiser leaves alone.
 */

/** Which parameters stay fixed while fine-tuning. */
export interface Freeze {
  /** Keep the token and position embeddings (and so the tied output head) fixed. */
  embeddings: boolean;
  /** Keep this many of the lowest transformer blocks fixed. */
  blocks: number;
}

/** Nothing frozen: ordinary pre-training. */
export const NO_FREEZE: Freeze = { embeddings: false, blocks: 0 };

/** Whether the parameter with this nanoGPT name is frozen. */
export function isFrozen(name: string, freeze: Freeze): boolean {
  if (
    freeze.embeddings &&
    (name === 'transformer.wte.weight' || name === 'transformer.wpe.weight')
  ) {
    return true;
  }
  const block = /^transformer\.h\.(\d+)\./.exec(name);
  return block !== null && Number(block[1]) < freeze.blocks;
}
