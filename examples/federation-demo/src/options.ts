import { isAllowedEndpoint, isValidIdentityPoolId, isValidRegion } from '@plugboard/core/internals';
import { AuthProvider } from '@plugboard/auth-cognito-plugin';

export const USAGE = `Usage: npm run demo [-- options]

Without options the demo runs against a local Cognito Identity emulator started in this process.
To walk through the same steps against a real identity pool:

  --identity-pool-id <region:uuid>  the identity pool (its Authenticated role decides what the credentials may do)
  --region <region>                 default: the region part of the pool id
  --token <provider token>          a token from the provider (or set PLUGBOARD_DEMO_TOKEN instead,
                                    which keeps it out of your shell history)
  --provider <name>                 facebook (default), google, amazon, apple, twitter, developer,
                                    or a provider name as configured in the pool (e.g. login.example.com)
  --endpoint <url>                  a Cognito Identity endpoint (https://, or http:// on loopback only)
  --help                            this text`;

export interface LocalOptions {
  readonly mode: 'emulator';
}

export interface RemoteOptions {
  readonly mode: 'remote';
  readonly identityPoolId: string;
  readonly region: string;
  readonly token: string;
  readonly provider: AuthProvider;
  readonly endpoint?: string;
}

export type DemoOptions = LocalOptions | RemoteOptions | { readonly mode: 'help' };

/** A wrong command line: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const FLAGS = ['--identity-pool-id', '--region', '--token', '--provider', '--endpoint'] as const;

const PROVIDERS: Record<string, () => AuthProvider> = {
  facebook: AuthProvider.facebook,
  google: AuthProvider.google,
  amazon: AuthProvider.amazon,
  apple: AuthProvider.apple,
  twitter: AuthProvider.twitter,
  developer: AuthProvider.developer,
};

export function providerFromName(name: string): AuthProvider {
  const known = PROVIDERS[name.toLowerCase()];
  if (known) return known();
  if (name.startsWith('arn:')) return AuthProvider.saml(name);
  return AuthProvider.custom(name);
}

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): DemoOptions {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { mode: 'help' };
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg];
    if (!(FLAGS as readonly string[]).includes(flag!)) throw new UsageError(`Unknown option ${flag}.`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') throw new UsageError(`${flag} needs a value.`);
    values.set(flag!, value);
  }
  const token = values.get('--token') ?? env.PLUGBOARD_DEMO_TOKEN;
  const identityPoolId = values.get('--identity-pool-id');
  if (identityPoolId === undefined) {
    if (values.size > 0) throw new UsageError('--identity-pool-id is needed to use a real identity pool.');
    return { mode: 'emulator' };
  }
  if (!isValidIdentityPoolId(identityPoolId)) {
    throw new UsageError('--identity-pool-id must look like us-east-1:0a1b2c3d-... (region:uuid).');
  }
  const region = values.get('--region') ?? identityPoolId.slice(0, identityPoolId.indexOf(':'));
  if (!isValidRegion(region)) throw new UsageError(`--region ${region} is not a region name.`);
  if (!token) throw new UsageError('--token (or PLUGBOARD_DEMO_TOKEN) is needed with --identity-pool-id.');
  const endpoint = values.get('--endpoint');
  if (endpoint !== undefined && !isAllowedEndpoint(endpoint)) {
    throw new UsageError('--endpoint must be an https:// URL, or http:// on a loopback host.');
  }
  const provider = providerFromName(values.get('--provider') ?? 'facebook');
  return { mode: 'remote', identityPoolId, region, token, provider, ...(endpoint ? { endpoint } : {}) };
}
