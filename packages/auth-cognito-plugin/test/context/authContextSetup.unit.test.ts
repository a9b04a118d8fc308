// Auth contexts before configuration, and the process-wide path when no context is running.
import { Amplify, InvalidStateException, InMemoryKeyValueStorage } from '@plugboard/core';
import { AWSCognitoAuthPlugin, createAuthContext, runWithAuthContext } from '../../src';

afterEach(async () => {
  await Amplify.reset();
});

it('explains itself when created before Amplify.configure', async () => {
  const storage = new InMemoryKeyValueStorage();
  expect(() => createAuthContext({ storage })).toThrow(InvalidStateException);
  expect(() => createAuthContext({ storage })).toThrow(/before Amplify\.configure/);
  let ran = false;
  await expect(
    runWithAuthContext({ storage }, async () => {
      ran = true;
    }),
  ).rejects.toBeInstanceOf(InvalidStateException);
  expect(ran).toBe(false);
});

it('resolves Amplify.Auth to the context only inside runWithAuthContext', async () => {
  const global = new AWSCognitoAuthPlugin({ storage: new InMemoryKeyValueStorage() });
  Amplify.addPlugin(global);
  Amplify.configure({
    auth: {
      plugins: {
        awsCognitoAuthPlugin: {
          CredentialsProvider: {
            CognitoIdentity: {
              Default: { PoolId: 'us-east-1:00000000-0000-0000-0000-000000000000', Region: 'us-east-1' },
            },
          },
        },
      },
    },
  });
  const seen: unknown[] = [];
  const original = AWSCognitoAuthPlugin.prototype.getCurrentUser;
  // Which plugin answers: the category calls the chosen plugin's method with `this` bound to it.
  AWSCognitoAuthPlugin.prototype.getCurrentUser = function (this: AWSCognitoAuthPlugin) {
    seen.push(this);
    return Promise.reject(new Error('not signed in'));
  };
  try {
    let inside: unknown;
    await runWithAuthContext({ storage: new InMemoryKeyValueStorage() }, async (context) => {
      inside = context.plugin;
      await Amplify.Auth.getCurrentUser().catch(() => undefined);
    });
    await Amplify.Auth.getCurrentUser().catch(() => undefined);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(inside);
    expect(seen[0]).not.toBe(global);
    expect(seen[1]).toBe(global);
  } finally {
    AWSCognitoAuthPlugin.prototype.getCurrentUser = original;
  }
});
