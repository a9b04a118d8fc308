/** Ready-to-paste configuration fragments that point Plugboard (or an Amplify app) at a running emulator. */

export interface ConfigTarget {
  readonly endpoint: string;
  readonly identityPoolId: string;
  readonly region: string;
  readonly allowUnauthenticatedIdentities: boolean;
}

/** `amplifyconfiguration.json` (Gen 1 shape) with the plugin's `Endpoint`. */
export function amplifyConfiguration(target: ConfigTarget): object {
  return {
    auth: {
      plugins: {
        awsCognitoAuthPlugin: {
          CredentialsProvider: {
            CognitoIdentity: {
              Default: { PoolId: target.identityPoolId, Region: target.region, Endpoint: target.endpoint },
            },
          },
        },
      },
    },
  };
}

/** `amplify_outputs.json` (Gen 2 shape) with Plugboard's `identity_pool_endpoint`. */
export function amplifyOutputs(target: ConfigTarget): object {
  return {
    version: '1',
    auth: {
      aws_region: target.region,
      identity_pool_id: target.identityPoolId,
      identity_pool_endpoint: target.endpoint,
      unauthenticated_identities_enabled: target.allowUnauthenticatedIdentities,
    },
  };
}

export function configText(target: ConfigTarget): string {
  return [
    '--- amplifyconfiguration.json ---',
    JSON.stringify(amplifyConfiguration(target), null, 2),
    '--- amplify_outputs.json ---',
    JSON.stringify(amplifyOutputs(target), null, 2),
    '---',
  ].join('\n');
}
