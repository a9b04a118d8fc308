import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Amplify as Plugboard } from '@plugboard/core';
import { startCognitoIdentityEmulator } from '@plugboard/cognito-identity-emulator';
import { fetchAuthSession } from 'aws-amplify/auth';
import { readmeExample } from './support/readmeExample';

/** The lines between `// example:start` and `// example:end` markers, dedented. */
function markedLines(source: string): string[] {
  const lines: string[] = [];
  let inside = false;
  for (const line of source.split('\n')) {
    if (line.trim() === '// example:start') inside = true;
    else if (line.trim() === '// example:end') inside = false;
    else if (inside) lines.push(line.trim());
  }
  return lines;
}

describe('the README example', () => {
  it('is the code this test runs', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const block = /<!-- example -->\s*```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const readmeLines = block
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith("import outputs from '"));
    const code = markedLines(readFileSync(join(__dirname, 'support', 'readmeExample.ts'), 'utf8'));

    expect(readmeLines).toEqual(code);
    const statements = code.filter((line) => !line.startsWith('//'));
    expect(statements.length).toBeLessThan(10);
  });

  it("federates, and aws-amplify's fetchAuthSession answers the federated identity", async () => {
    const emulator = await startCognitoIdentityEmulator({ port: 0 });
    try {
      const poolId = await emulator.createIdentityPool({
        supportedLoginProviders: { 'graph.facebook.com': 'facebook-app-id' },
      });
      const token = await emulator.issueProviderToken({
        providerName: 'graph.facebook.com',
        subject: 'carol',
      });
      await Plugboard.reset();

      await readmeExample(
        {
          version: '1.4',
          auth: {
            aws_region: 'us-east-1',
            identity_pool_id: poolId,
            identity_pool_endpoint: emulator.endpoint,
          },
        },
        token,
      );

      const session = await fetchAuthSession();
      expect(session.identityId).toBe(emulator.identities(poolId)[0]?.identityId);
      expect(session.credentials?.accessKeyId).toMatch(/\S/);
    } finally {
      await Plugboard.reset();
      await emulator.stop();
    }
  });
});
