/** Chromium flags for tests and the benchmark. */
export declare const CHROMIUM_ARGS: string[];
/** What to say when no Chromium is found. */
export declare const NO_CHROMIUM: string;
/** The first Chromium found, or undefined. */
export declare function findChromium(): string | undefined;
