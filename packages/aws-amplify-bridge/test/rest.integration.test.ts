import { AuthProvider } from '@plugboard/auth-cognito-plugin';
import { get } from 'aws-amplify/api';
import { configureAwsAmplify, fromAmplifyOutputs } from '../src';
import { startBridgeHarness, type BridgeHarness } from './support/harness';
import { startSigV4Server } from './support/sigv4Server';

let h: BridgeHarness;
let api: Awaited<ReturnType<typeof startSigV4Server>>;

beforeEach(async () => {
  api = await startSigV4Server();
  h = await startBridgeHarness({ configureAwsAmplify: false });
  const { awsAmplify } = fromAmplifyOutputs(h.outputs);
  configureAwsAmplify({
    ...awsAmplify,
    API: { REST: { loopback: { endpoint: api.endpoint, region: 'us-east-1' } } },
  });
});

afterEach(async () => {
  await h.stop();
  await api.stop();
});

describe("aws-amplify's REST API with IAM auth", () => {
  it("signs with Plugboard's federated credentials, verified by a SigV4 check of the session's secret key", async () => {
    const { credentials } = await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook());
    api.expect(credentials);

    const { statusCode, body } = await get({
      apiName: 'loopback',
      path: '/items/42',
      options: { queryParams: { q: 'federated' } },
    }).response;

    expect(statusCode).toBe(200);
    expect(await body.json()).toEqual({ verified: true, accessKeyId: credentials.accessKeyId });
  });

  it('fails the check when the server expects another secret key (the check can fail)', async () => {
    const { credentials } = await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook());
    api.expect({ ...credentials, secretAccessKey: 'not-the-secret' });

    const error = await get({ apiName: 'loopback', path: '/items/42' }).response.catch((e: unknown) => e);

    expect(error).toMatchObject({ name: expect.any(String) });
    expect(api.verdicts).toEqual([
      { verified: false, accessKeyId: credentials.accessKeyId, reason: 'signature mismatch' },
    ]);
  });

  it('sends the request unsigned once Plugboard clears the federation', async () => {
    const { credentials } = await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook());
    api.expect(credentials);
    await h.plugin.clearFederationToIdentityPool();

    await get({ apiName: 'loopback', path: '/items/42' }).response.catch(() => undefined);

    expect(api.verdicts).toEqual([{ verified: false, reason: 'no SigV4 Authorization header' }]);
  });
});
