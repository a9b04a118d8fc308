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
 * keys. aws-amplify's parser ignores the `*_endpoint` extensions: Plugboard makes the Cognito calls.
 */
export function fromAmplifyOutputs(outputs: AmplifyOutputs): BridgeConfigurations {
  if (!isAmplifyOutputs(outputs) || !outputs.auth)
    throw new ConfigurationException(
      'fromAmplifyOutputs: not an amplify_outputs.json with an auth section.',
      'Pass the parsed amplify_outputs.json (auth.aws_region, auth.identity_pool_id).',
    );
  return {
    plugboard: normalizeAmplifyOutputs(outputs),
    // aws-amplify's parser reads the file only with a version, and writes `userPoolId: undefined` and the
    // like, which its own config checks want absent: a JSON copy drops them (the file is JSON data).
    awsAmplify: JSON.parse(
      JSON.stringify(parseAmplifyConfig({ ...outputs, version: outputs.version ?? '1' })),
    ) as ResourcesConfig,
  };
}
