import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { InvalidStateException } from '@plugboard/core';
import { AuthProvider, AWSCognitoAuthPlugin } from '../src';
import { remember, startHarness, type Harness } from './support/harness';

const packageDir = join(__dirname, '..');

describe('AWSCognitoAuthPlugin escape hatch and packaging', () => {
  describe('getEscapeHatch', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await startHarness();
    });
    afterEach(async () => {
      await h.stop();
    });

    it('is refused until the SDK client is loaded, then returns the client the plugin uses', async () => {
      expect(() => h.plugin.getEscapeHatch()).toThrow(InvalidStateException);
      const loaded = await h.plugin.loadEscapeHatch();
      expect(loaded.cognitoIdentityClient).toBeInstanceOf(CognitoIdentityClient);
      expect(h.plugin.getEscapeHatch().cognitoIdentityClient).toBe(loaded.cognitoIdentityClient);
      remember(await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
      expect(h.plugin.getEscapeHatch().cognitoIdentityClient).toBe(loaded.cognitoIdentityClient);
      expect(await loaded.cognitoIdentityClient?.config.endpoint?.()).toMatchObject({
        hostname: '127.0.0.1',
      });
    });

    it('is not loaded by a federation or a refresh: those use the built-in client', async () => {
      remember(await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
      await h.plugin.fetchAuthSession({ forceRefresh: true });
      expect(h.calls('GetCredentialsForIdentity')).toBe(2);
      expect(() => h.plugin.getEscapeHatch()).toThrow(InvalidStateException);
    });

    it("once loaded, carries the plugin's own calls, so middleware added to it applies", async () => {
      const { cognitoIdentityClient } = await h.plugin.loadEscapeHatch();
      const targets: string[] = [];
      cognitoIdentityClient!.middlewareStack.add(
        (next) => (args) => {
          const request = args.request as { headers: Record<string, string> };
          targets.push(request.headers['x-amz-target'] ?? '');
          return next(args);
        },
        { step: 'build', name: 'appTrace' },
      );
      remember(await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
      expect(targets).toEqual([
        'AWSCognitoIdentityService.GetId',
        'AWSCognitoIdentityService.GetCredentialsForIdentity',
      ]);
    });

    it('is refused before configure', async () => {
      await expect(new AWSCognitoAuthPlugin().loadEscapeHatch()).rejects.toBeInstanceOf(
        InvalidStateException,
      );
    });
  });

  it('reports the version of its package', () => {
    const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(new AWSCognitoAuthPlugin().getVersion()).toBe(version);
  });

  it('does not load the AWS SDK when the built package is imported (CommonJS), nor import it statically (ESM)', () => {
    const cjs = execFileSync(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(join(packageDir, 'dist/cjs/index.js'))});
         console.log(Object.keys(require.cache).filter((f) => f.includes('@aws-sdk')).length);`,
      ],
      { encoding: 'utf8' },
    );
    expect(cjs.trim()).toBe('0');
    // ESM imports do not show in require.cache: read the built ESM instead. Only dynamic imports of the SDK.
    const esmDir = join(packageDir, 'dist/esm');
    const sources = readdirSync(esmDir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(join(esmDir, file), 'utf8'));
    expect(sources.filter((text) => /^\s*(import|export)\b[^;]*from\s*['"]@aws-sdk\//m.test(text))).toEqual(
      [],
    );
    expect(sources.filter((text) => /\bimport\(\s*['"]@aws-sdk\//.test(text))).toHaveLength(2);
  });
});
