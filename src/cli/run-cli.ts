/**
 * The one way every CLI entry point ends: its errors become a single line on stderr and exit 1.
 */
import { errorMessage } from '../shared/errors';

/** Runs `main` with the command-line arguments; prints `name: reason` and exits 1 on failure. */
export function runCli(name: string, main: (argv: string[]) => Promise<void>): void {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`${name}: ${errorMessage(error).split('\n')[0] ?? 'failed'}`);
    process.exit(1);
  });
}
