/** Command-line arguments of `plugboard-cognito-emulator`. */
import { isLoopbackHost } from './loopback.js';

export interface CliOptions {
  port: number;
  host: string;
  stateFile?: string;
  region: string;
  allowRemote: boolean;
  credentialsLifetimeSeconds: number;
  help: boolean;
  version: boolean;
  printConfig: boolean;
}

export const USAGE = `Usage: plugboard-cognito-emulator [options]

  --port N                    port to listen on (default $PORT or 9231; 0 picks a free port)
  --host ADDRESS              address to bind (default $HOST or 127.0.0.1)
  --allow-remote              allow a non-loopback --host
  --state-file PATH           keep pools, identities and the signing key in this file
                              (default $STATE_FILE)
  --region REGION             region of pool and identity ids (default us-east-1)
  --credentials-lifetime N    lifetime of issued credentials in seconds (default 3600)
  --print-config              also print amplifyconfiguration.json and amplify_outputs.json
                              fragments pointing at the emulator
  --version                   print the version and exit
  --help                      show this help

Flags win over the environment. GET /health answers 200 once the emulator is ready.`;

function integer(flag: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${flag} needs an integer from ${min} to ${max}`);
  }
  return n;
}

/** Defaults from the environment (`PORT`, `HOST`, `STATE_FILE`), as container and LocalStack users expect. */
function fromEnvironment(env: NodeJS.ProcessEnv): Pick<CliOptions, 'port' | 'host' | 'stateFile'> {
  const port = env['PORT'];
  const host = env['HOST'];
  const stateFile = env['STATE_FILE'];
  return {
    port: port === undefined || port === '' ? 9231 : integer('PORT', port, 0, 65535),
    host: host === undefined || host === '' ? '127.0.0.1' : host,
    ...(stateFile === undefined || stateFile === '' ? {} : { stateFile }),
  };
}

export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliOptions {
  const options: CliOptions = {
    ...fromEnvironment(env),
    region: 'us-east-1',
    allowRemote: false,
    credentialsLifetimeSeconds: 3600,
    help: false,
    version: false,
    printConfig: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--port':
        options.port = integer(flag, value(), 0, 65535);
        break;
      case '--host':
        options.host = value();
        break;
      case '--state-file':
        options.stateFile = value();
        break;
      case '--region':
        options.region = value();
        break;
      case '--credentials-lifetime':
        options.credentialsLifetimeSeconds = integer(flag, value(), 1, 43200);
        break;
      case '--allow-remote':
        options.allowRemote = true;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      case '--version':
      case '-v':
        options.version = true;
        break;
      case '--print-config':
        options.printConfig = true;
        break;
      default:
        throw new Error(`Unknown argument: ${arg}`);
    }
  }
  if (!options.help && !options.version && !options.allowRemote && !isLoopbackHost(options.host)) {
    throw new Error(
      `Refusing to bind ${options.host}: not a loopback address (add --allow-remote to bind it)`,
    );
  }
  return options;
}
