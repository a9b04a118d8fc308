/** Issue 11.9: header limits, state written before answering, unusable state files named with the fix. */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ROLES, StateFileError, startCognitoIdentityEmulator } from '../../src/index.js';
import { rawCall, start, stopAll } from '../helpers';

afterEach(stopAll);

function getWithHeader(endpoint: string, bytes: number): Promise<number> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: '/health', headers: { 'x-big': 'a'.repeat(bytes) } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('hardening (issue 11.9)', () => {
  it('a 64 KB header answers 431 instead of resetting the connection; the server keeps serving', async () => {
    const emu = await start();
    expect(await getWithHeader(emu.endpoint, 64 * 1024)).toBe(431);
    expect(await getWithHeader(emu.endpoint, 1024)).toBe(200);
  });

  it('with a state file, an identity answered with 200 is already on disk when the answer arrives', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-state-'));
    const stateFile = join(dir, 'state.json');
    const emu = await start({ stateFile });
    const IdentityPoolId = await emu.createIdentityPool({ allowUnauthenticatedIdentities: true });
    for (let i = 0; i < 5; i++) {
      const res = await rawCall(emu, 'GetId', JSON.stringify({ IdentityPoolId }));
      const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { identities: { identityId: string }[] };
      expect(saved.identities.map((x) => x.identityId)).toContain(res.body.IdentityId);
    }
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a state file of the previous format (no roles, developer login among the logins) keeps working', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-state-'));
    const stateFile = join(dir, 'state.json');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const poolId = 'us-east-1:11111111-2222-3333-4444-555555555555';
    const identityId = 'us-east-1:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
    writeFileSync(
      stateFile,
      JSON.stringify({
        version: 1,
        signingKey: { kid: 'old', privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) },
        endpoints: [],
        pools: [
          {
            identityPoolId: poolId,
            identityPoolName: 'old',
            allowUnauthenticatedIdentities: false,
            allowClassicFlow: false,
            supportedLoginProviders: {},
            developerProviderName: 'login.old.dev',
            openIdConnectProviders: [],
            openIdConnectProviderARNs: [],
            samlProviderARNs: [],
            cognitoIdentityProviders: [],
            tags: {},
          },
        ],
        identities: [
          {
            identityId,
            identityPoolId: poolId,
            logins: { 'login.old.dev': 'user-1' },
            creationDate: 0,
            lastModifiedDate: 0,
          },
        ],
      }),
    );
    const emu = await start({ stateFile });
    const token = await rawCall(
      emu,
      'GetOpenIdTokenForDeveloperIdentity',
      JSON.stringify({ IdentityPoolId: poolId, Logins: { 'login.old.dev': 'user-1' } }),
      { signed: true },
    );
    expect(token.body.IdentityId).toBe(identityId);
    const creds = await rawCall(
      emu,
      'GetCredentialsForIdentity',
      JSON.stringify({
        IdentityId: identityId,
        Logins: { 'cognito-identity.amazonaws.com': token.body.Token },
      }),
    );
    expect(creds.status).toBe(200);
    expect(emu.requests().at(-1)?.roleArn).toBe(DEFAULT_ROLES.authenticated);
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a truncated state file fails with StateFileError naming the file and the fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-state-'));
    const stateFile = join(dir, 'state.json');
    writeFileSync(stateFile, '{"version":1,"pools":[');
    const error = await startCognitoIdentityEmulator({ stateFile }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateFileError);
    expect((error as StateFileError).message).toContain(stateFile);
    expect((error as StateFileError).recoverySuggestion).toMatch(/delete it/);
    rmSync(dir, { recursive: true, force: true });
  });
});
