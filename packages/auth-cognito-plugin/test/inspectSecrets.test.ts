// Printing Amplify, its Auth category, its configuration or the registered plugin never shows the
// user pool's AppClientSecret (configure makes no network call, so no server is needed).
import { inspect } from 'node:util';
import { Amplify } from '@plugboard/core';
import { AWSCognitoAuthPlugin } from '../src';

const SECRET = 'k7Qz9VbY3xWm1NpR5tLc8HdJ2fGs6AaE4uKo0iPy';

afterEach(async () => {
  await Amplify.reset();
});

it('util.inspect and JSON.stringify of Amplify, Auth, the configuration and the plugin hide AppClientSecret', () => {
  const plugin = new AWSCognitoAuthPlugin();
  Amplify.addPlugin(plugin);
  Amplify.configure({
    auth: {
      plugins: {
        awsCognitoAuthPlugin: {
          CognitoUserPool: {
            Default: {
              PoolId: 'us-east-1_AbC123',
              AppClientId: 'abc',
              AppClientSecret: SECRET,
              Region: 'us-east-1',
            },
          },
        },
      },
    },
  });
  for (const value of [Amplify, Amplify.Auth, Amplify.getConfig(), plugin, Amplify.Auth.getPlugins()]) {
    expect(inspect(value, { depth: Infinity, showHidden: true })).not.toContain(SECRET);
    expect(JSON.stringify(value)).not.toContain(SECRET);
  }
  expect(JSON.stringify(Amplify.getConfig())).toContain('"AppClientSecret":"***"');
});
