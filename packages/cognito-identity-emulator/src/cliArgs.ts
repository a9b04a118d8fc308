/** Command-line arguments of `plugboard-cognito-emulator`. */
import { normaliseAllowedHosts } from './edgeGuard.js';
import { isLoopbackHost } from './loopback.js';
import { DEFAULT_MAX_RECORDED_REQUESTS } from './requestLog.js';
import { isRegionName } from './startOptions.js';

/** From quietest to most talkative; each level prints what the ones before it print. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface CliOptions {
  port: number;
  host: string;
  stateFile?: string;
  /** Undefined: the state file's region, else us-east-1. */
  region?: string;
  allowRemote: boolean;
  allowedHosts: string[];
  logLevel: LogLevel;
  json: boolean;
  maxRecordedRequests: number;
  credentialsLifetimeSeconds: number;
  help: boolean;
  version: boolean;
  printConfig: boolean;
}

export const USAGE = `Usage: plugboard-cognito-emulator [options]

  --port N                    port to listen on (default $PORT or 9231; 0 picks a free port)
  --host ADDRESS              address to bind (default $HOST or 127.0.0.1)
  --allow-remote              allow a non-loopback --host (name the hosts clients use with
                              --allowed-host: other Host headers are refused)
  --state-file PATH           keep pools, identities and the signing key in this file
                              (default $STATE_FILE)
  --region REGION             region of pool and identity ids (default: the state file's, else
                              us-east-1); a state file of another region is refused
  --allowed-host NAME         also serve requests addressed to NAME (Host header or page origin),
                              e.g. a container service name; repeatable; '*' for any
  --credentials-lifetime N    lifetime of issued credentials in seconds (default 3600)
  --print-config              also print amplifyconfiguration.json and amplify_outputs.json
                              fragments pointing at the emulator
  --log-level LEVEL           error, warn, info or debug (default $LOG_LEVEL or info); info logs one
                              line per request (time, operation, status, duration), debug also
                              health checks, key sets and preflights
  --json                      print the start-up information and the request log as JSON lines
  --max-recorded-requests N   requests kept for requests() (default ${DEFAULT_MAX_RECORDED_REQUESTS}); the oldest go first
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

function logLevel(flag: string, value: string): LogLevel {
  const level = value.toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new Error(`${flag} must be one of ${LOG_LEVELS.join(', ')}, got ${value}`);
  }
  return level as LogLevel;
}

/**
 * Defaults from the environment (`PORT`, `HOST`, `STATE_FILE`, `LOG_LEVEL`), as container and
 * LocalStack users expect.
 */
function fromEnvironment(
  env: NodeJS.ProcessEnv,
): Pick<CliOptions, 'port' | 'host' | 'stateFile' | 'logLevel'> {
  const port = env['PORT'];
  const host = env['HOST'];
  const stateFile = env['STATE_FILE'];
  const level = env['LOG_LEVEL'];
  return {
    port: port === undefined || port === '' ? 9231 : integer('PORT', port, 0, 65535),
    host: host === undefined || host === '' ? '127.0.0.1' : host,
    logLevel: level === undefined || level === '' ? 'info' : logLevel('LOG_LEVEL', level),
    ...(stateFile === undefined || stateFile === '' ? {} : { stateFile }),
  };
}

export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliOptions {
  const options: CliOptions = {
    ...fromEnvironment(env),
    allowRemote: false,
    allowedHosts: [],
    json: false,
    maxRecordedRequests: DEFAULT_MAX_RECORDED_REQUESTS,
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
    const noValue = (): void => {
      if (inline !== undefined) throw new Error(`${flag} takes no value`);
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
      case '--region': {
        const region = value();
        if (!isRegionName(region))
          throw new Error(`--region needs a region name such as us-east-1, got ${region}`);
        options.region = region;
        break;
      }
      case '--allowed-host':
        options.allowedHosts.push(value());
        break;
      case '--log-level':
        options.logLevel = logLevel(flag, value());
        break;
      case '--json':
        noValue();
        options.json = true;
        break;
      case '--max-recorded-requests':
        options.maxRecordedRequests = integer(flag, value(), 0, 10_000_000);
        break;
      case '--credentials-lifetime':
        options.credentialsLifetimeSeconds = integer(flag, value(), 1, 43200);
        break;
      case '--allow-remote':
        noValue();
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
        noValue();
        options.printConfig = true;
        break;
      default:
        throw new Error(`Unknown argument: ${arg}`);
    }
  }
  const allowedHosts = normaliseAllowedHosts(options.allowedHosts);
  if (allowedHosts === undefined) {
    throw new Error('--allowed-host needs a host name (letters, digits, dots and dashes) or *');
  }
  options.allowedHosts = allowedHosts;
  if (!options.help && !options.version && !options.allowRemote && !isLoopbackHost(options.host)) {
    throw new Error(
      `Refusing to bind ${options.host}: not a loopback address (add --allow-remote to bind it)`,
    );
  }
  return options;
}
