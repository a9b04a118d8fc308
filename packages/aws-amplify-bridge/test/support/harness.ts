import { Amplify as Plugboard, type AmplifyOutputs } from '@plugboard/core';
import { AWSCognitoAuthPlugin, type AWSCognitoAuthPluginOptions } from '@plugboard/auth-cognito-plugin';
import {
  startCognitoIdentityEmulator,
  type CognitoIdentityEmulator,
  type CreateIdentityPoolOptions,
} from '@plugboard/cognito-identity-emulator';
import { configureAwsAmplify, fromAmplifyOutputs } from '../../src';

export interface BridgeHarness {
  readonly emulator: CognitoIdentityEmulator;
  readonly poolId: string;
  /** The `amplify_outputs.json` both libraries were configured from. */
  readonly outputs: AmplifyOutputs;
  readonly plugin: AWSCognitoAuthPlugin;
  /** A Facebook token from the emulator's test IdP. */
  token(subject?: string, expiresInSeconds?: number): Promise<string>;
  stop(): Promise<void>;
}

export interface BridgeHarnessOptions {
  readonly pool?: CreateIdentityPoolOptions;
  readonly plugin?: AWSCognitoAuthPluginOptions;
  /** Extra `auth` keys of the outputs (a user pool, ...). */
  readonly auth?: Record<string, unknown>;
  /** Left out: the test configures aws-amplify itself. */
  readonly configureAwsAmplify?: boolean;
}

/**
 * The identity emulator with one pool, and both libraries configured from one identity-pool-only
 * amplify_outputs.json: Plugboard with a fresh plugin, aws-amplify with the bridge's providers.
 */
export async function startBridgeHarness(options: BridgeHarnessOptions = {}): Promise<BridgeHarness> {
  const emulator = await startCognitoIdentityEmulator({ port: 0 });
  const poolId = await emulator.createIdentityPool({
    allowUnauthenticatedIdentities: false,
    supportedLoginProviders: { 'graph.facebook.com': 'facebook-app-id' },
    ...options.pool,
  });
  const outputs: AmplifyOutputs = {
    version: '1.4',
    auth: {
      aws_region: 'us-east-1',
      identity_pool_id: poolId,
      identity_pool_endpoint: emulator.endpoint,
      ...options.auth,
    },
  };
  const { plugboard, awsAmplify } = fromAmplifyOutputs(outputs);
  await Plugboard.reset();
  const plugin = new AWSCognitoAuthPlugin(options.plugin);
  Plugboard.addPlugin(plugin);
  Plugboard.configure(plugboard);
  if (options.configureAwsAmplify !== false) configureAwsAmplify(awsAmplify);
  return {
    emulator,
    poolId,
    outputs,
    plugin,
    token: (subject = 'alice', expiresInSeconds = 3600) =>
      emulator.issueProviderToken({ providerName: 'graph.facebook.com', subject, expiresInSeconds }),
    async stop() {
      await Plugboard.reset();
      await emulator.stop();
    },
  };
}
