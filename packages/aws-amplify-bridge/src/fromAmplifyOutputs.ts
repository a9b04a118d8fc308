import { ConfigurationException, type AmplifyConfiguration, type AmplifyOutputs } from '@plugboard/core';
import { isAmplifyOutputs, normalizeAmplifyOutputs } from '@plugboard/core/internals';
import type { ResourcesConfig } from 'aws-amplify';
import { parseAmplifyConfig } from 'aws-amplify/utils';

/** One `amplify_outputs.json`, as each library's configuration. */
export interface BridgeConfigurations {
  /** For Plugboard's `Amplify.configure`. */
  readonly plugboard: AmplifyConfiguration;
  /** For aws-amplify's `Amplify.configure` (with `{ Auth: plugboardAuthProviders() }`). */
  readonly awsAmplify: ResourcesConfig;
}

/**
 * Both configurations from one Gen 2 `amplify_outputs.json`, so the pools are configured once. Checked
 * here (a bad `auth` section throws Plugboard's `ConfigurationException`). Works with an
 * identity-pool-only `auth` section: aws-amplify gets `Auth.Cognito.identityPoolId` without user-pool
 * keys. The `*_endpoint` extensions go to Plugboard only: Plugboard makes the Cognito calls.
 */
export function fromAmplifyOutputs(outputs: AmplifyOutputs): BridgeConfigurations {
  if (!isAmplifyOutputs(outputs) || outputs.auth === undefined)
    throw new ConfigurationException(
      'fromAmplifyOutputs: not an amplify_outputs.json with an auth section.',
      'Pass the parsed amplify_outputs.json, with auth.aws_region and auth.identity_pool_id.',
    );
  const plugboard = normalizeAmplifyOutputs(outputs);
  // aws-amplify's parser knows nothing of the endpoint extensions, and reads the file only with a version.
  const { identity_pool_endpoint: _i, user_pool_endpoint: _u, ...auth } = outputs.auth;
  const parsed = parseAmplifyConfig({ ...outputs, version: outputs.version ?? '1', auth } as Parameters<
    typeof parseAmplifyConfig
  >[0]);
  return { plugboard, awsAmplify: { ...parsed, Auth: withoutUndefined(parsed.Auth) } };
}

/** aws-amplify's parser writes `userPoolId: undefined` and the like; its own config checks want them absent. */
function withoutUndefined(auth: ResourcesConfig['Auth']): ResourcesConfig['Auth'] {
  if (!auth) return auth;
  const cognito = Object.fromEntries(Object.entries(auth.Cognito).filter(([, value]) => value !== undefined));
  return { ...auth, Cognito: cognito } as ResourcesConfig['Auth'];
}
