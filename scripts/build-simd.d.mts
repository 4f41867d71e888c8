/** simd.wat compiled with wabt, as base64. */
export declare function compileSimd(): Promise<string>;
/** The TypeScript module holding the compiled bytes. */
export declare function generatedSource(base64: string): string;
