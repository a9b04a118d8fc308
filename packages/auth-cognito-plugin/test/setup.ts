// Runs in every test file of this package: logs everything at VERBOSE into memory, records every auth
// event, and after the file checks that no secret any test saw was ever written out.
import { Hub, HubChannel, Logging } from '@plugboard/core';
import { jwtsIn, leakedSecrets, recordWritten, secretScan } from './support/secrets';

Logging.setLevel('VERBOSE');
Logging.setSink((entry) => recordWritten(entry));
const subscription = Hub.subscribe(HubChannel.AUTH, (event) => recordWritten(event));

afterAll(() => {
  subscription.unsubscribe();
  const written = secretScan().written.join('\n');
  expect(leakedSecrets(written)).toEqual([]);
  expect(jwtsIn(written)).toEqual([]);
});
