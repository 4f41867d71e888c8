/// <reference types="vite/client" />
/**
 * The PyTorch script shipped in every exported folder (src/interop/train.py), bundled as text.
 */
import trainPy from '../../interop/train.py?raw';

/** The text of train.py. */
export const TRAIN_PY: string = trainPy;
