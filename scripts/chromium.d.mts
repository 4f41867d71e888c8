/** Flags giving headless Chromium an emulated GPU (SwiftShader), for WebGL and WebGPU. */
export declare const GPU_EMULATION_ARGS: string[];
/** Flags keeping a browser on a closed network from phoning home. */
export declare const QUIET_ARGS: string[];
/** Chromium flags for tests: every backend available. */
export declare const CHROMIUM_ARGS: string[];
/** What to say when no Chromium is found. */
export declare const NO_CHROMIUM: string;
/** The first Chromium found, or undefined. */
export declare function findChromium(): string | undefined;
