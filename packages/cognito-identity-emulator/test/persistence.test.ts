import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
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

  it('refuses a region other than the state file region with StateFileError; without one it takes the file region', async () => {
    const stateFile = join(dir, 'state.json');
    const first = await start({ stateFile, region: 'eu-central-1' });
    const poolId = await standardPool(first);
    await first.stop();
    const refused = start({ stateFile, region: 'us-east-1' });
    await expect(refused).rejects.toMatchObject({
      name: 'StateFileError',
      file: stateFile,
      message: expect.stringContaining('region eu-central-1, not us-east-1'),
      recoverySuggestion: expect.stringContaining('--region eu-central-1'),
    });
    const again = await start({ stateFile });
    expect(again.region).toBe('eu-central-1');
    expect(again.identityPools().map((p) => p.identityPoolId)).toEqual([poolId]);
  });

  it('a directory or a path under a file is a StateFileError naming the path and the fix', async () => {
    const file = join(dir, 'file');
    writeFileSync(file, 'x');
    await expect(start({ stateFile: dir })).rejects.toMatchObject({
      name: 'StateFileError',
      file: dir,
      message: expect.stringContaining('is a directory'),
      recoverySuggestion: expect.stringContaining(join(dir, 'emulator-state.json')),
    });
    const under = join(file, 'state.json');
    await expect(start({ stateFile: under })).rejects.toMatchObject({
      name: 'StateFileError',
      file: under,
      message: expect.stringContaining('a part of its path is a file'),
    });
  });

  it('a state file that cannot be written fails the start (permission denied, naming its folder) and leaves nothing listening', async () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    // root ignores folder modes; /sys refuses everyone.
    const stateFile =
      process.getuid?.() === 0 ? '/sys/plugboard-emulator-test-state.json' : join(locked, 'state.json');
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await expect(start({ stateFile, port })).rejects.toMatchObject({
      name: 'StateFileError',
      message: expect.stringMatching(/cannot be written: permission denied/),
    });
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    chmodSync(locked, 0o700);
  });
});
