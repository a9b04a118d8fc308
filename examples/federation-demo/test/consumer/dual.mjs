// Loads the installed packages through both module systems in one process: there must be one Amplify and
// one Hub, plugins and errors must answer instanceof across the copies, and events must reach both sides.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as coreEsm from '@plugboard/core';
import * as pluginEsm from '@plugboard/auth-cognito-plugin';
import { startCognitoIdentityEmulator } from '@plugboard/cognito-identity-emulator';

const require = createRequire(import.meta.url);
const coreCjs = require('@plugboard/core');
const pluginCjs = require('@plugboard/auth-cognito-plugin');

assert.match(require.resolve('@plugboard/core'), /[\\/]dist[\\/]cjs[\\/]index\.js$/);
assert.notEqual(coreEsm.AmplifyClass, coreCjs.AmplifyClass, 'both builds are really loaded');
assert.equal(coreEsm.Amplify, coreCjs.Amplify, 'one Amplify');
assert.equal(coreEsm.Hub, coreCjs.Hub, 'one Hub');
assert.equal(coreCjs.Amplify.Hub, coreEsm.Hub);

const emulator = await startCognitoIdentityEmulator({ port: 0 });
try {
  const poolId = await emulator.createIdentityPool({
    supportedLoginProviders: { 'graph.facebook.com': 'x' },
  });
  const seen = { esm: [], cjs: [] };
  const a = coreEsm.Hub.subscribe('auth', (event) => seen.esm.push(event.name));
  const b = coreCjs.Hub.subscribe(coreCjs.HubChannel.AUTH, (event) => seen.cjs.push(event.name));

  const plugin = new pluginCjs.AWSCognitoAuthPlugin();
  coreEsm.Amplify.addPlugin(plugin);
  coreCjs.Amplify.configure({
    auth: {
      plugins: {
        awsCognitoAuthPlugin: {
          CredentialsProvider: {
            CognitoIdentity: {
              Default: { PoolId: poolId, Region: 'us-east-1', Endpoint: emulator.endpoint },
            },
          },
        },
      },
    },
  });
  assert.equal(coreCjs.Amplify.Auth.getPlugin('awsCognitoAuthPlugin'), plugin);
  assert.ok(plugin instanceof pluginEsm.AWSCognitoAuthPlugin, 'instanceof across the CJS and ESM builds');

  const token = await emulator.issueProviderToken({ providerName: 'graph.facebook.com', subject: 'yan' });
  await plugin.federateToIdentityPool(token, pluginEsm.AuthProvider.facebook());
  await coreEsm.Amplify.Auth.getPlugin('awsCognitoAuthPlugin').clearFederationToIdentityPool();
  const error = await plugin.clearFederationToIdentityPool().catch((e) => e);
  assert.ok(error instanceof coreEsm.InvalidStateException, 'errors answer instanceof in ESM');
  assert.ok(error instanceof coreCjs.InvalidStateException, 'errors answer instanceof in CJS');

  assert.deepEqual(seen.esm, ['FEDERATED_TO_IDENTITY_POOL', 'FEDERATION_TO_IDENTITY_POOL_CLEARED']);
  assert.deepEqual(seen.cjs, seen.esm, 'both subscribers got each event once');
  a.unsubscribe();
  b.unsubscribe();
  console.log('dual ok: one Amplify, one Hub across require and import');
} finally {
  await coreEsm.Amplify.reset();
  await emulator.stop();
}
