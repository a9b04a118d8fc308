import { mkdtempSync, rmSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { FACEBOOK, clientFor, standardPool, start, stopAll } from './helpers';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cognito-emu-'));
});
afterEach(async () => {
  await stopAll();
  rmSync(dir, { recursive: true, force: true });
});

describe('persistence', () => {
  it('keeps pools, identities and the signing key across a restart', async () => {
    const stateFile = join(dir, 'nested', 'state.json');
    const first = await start({ stateFile });
    const IdentityPoolId = await standardPool(first);
    const token = await first.issueProviderToken({ providerName: FACEBOOK, subject: 'alice' });
    const Logins = { [FACEBOOK]: token };
    const { IdentityId } = await clientFor(first).send(new GetIdCommand({ IdentityPoolId, Logins }));
    await first.stop();
    expect(statSync(stateFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(stateFile, 'utf8')).not.toContain(token);

    const second = await start({ stateFile });
    expect(second.identityPools().map((p) => p.identityPoolId)).toEqual([IdentityPoolId]);
    const client = clientFor(second);
    const again = await client.send(new GetIdCommand({ IdentityPoolId, Logins }));
    expect(again.IdentityId).toBe(IdentityId);
    const creds = await client.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
    expect(creds.IdentityId).toBe(IdentityId);
  });

  it('does not write anything without a state file, and reset() forgets everything', async () => {
    const emu = await start();
    const IdentityPoolId = await standardPool(emu, true);
    await clientFor(emu).send(new GetIdCommand({ IdentityPoolId }));
    await emu.reset();
    expect(emu.identityPools()).toEqual([]);
    expect(emu.identities()).toEqual([]);
  });

  it('refuses to start from a state file it does not recognise', async () => {
    const stateFile = join(dir, 'bad.json');
    require('node:fs').writeFileSync(stateFile, '{"hello":1}');
    await expect(start({ stateFile })).rejects.toThrow(/state file/);
  });
});

describe('binding', () => {
  it('refuses a non-loopback host unless allowRemote is set', async () => {
    await expect(start({ host: '0.0.0.0' })).rejects.toThrow(TypeError);
  });
});
