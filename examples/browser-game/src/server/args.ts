/** Arguments of `npm run demo:web -- [--port N]`. */

/** The page's default port: the same origin every run, so the session in localStorage survives a restart. */
export const DEFAULT_PAGE_PORT = 8321;

export const GAME_USAGE = `Usage: npm run demo:web -- [--port N]

  --port N   port of the page on 127.0.0.1 (default ${DEFAULT_PAGE_PORT}; 0 picks a free port)
  --help     show this help`;

export interface GameArgs {
  readonly port: number;
  readonly help: boolean;
}

export function parseGameArgs(argv: readonly string[]): GameArgs {
  let port = DEFAULT_PAGE_PORT;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (flag === '--help' || flag === '-h') {
      help = true;
    } else if (flag === '--port') {
      const value = inline ?? argv[++i];
      const n = Number(value);
      if (value === undefined || value === '' || !Number.isInteger(n) || n < 0 || n > 65535) {
        throw new Error(`--port needs an integer from 0 to 65535, got ${value ?? 'nothing'}`);
      }
      port = n;
    } else {
      throw new Error(`Unknown argument: ${arg}`);
    }
  }
  return { port, help };
}
