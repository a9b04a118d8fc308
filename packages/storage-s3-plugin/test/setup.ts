// Runs in every test file of this package: logs everything at VERBOSE into memory, records every
// storage and auth event, and after the file checks that no secret any test saw was ever written out.
import { Hub, HubChannel, Logging } from '@plugboard/core';
import { leakedSecrets, recordWritten } from './support/secrets';

Logging.setLevel('VERBOSE');
Logging.setSink((entry) => recordWritten(entry));
const subscriptions = [
  Hub.subscribe(HubChannel.STORAGE, (event) => recordWritten(event)),
  Hub.subscribe(HubChannel.AUTH, (event) => recordWritten(event)),
];

afterAll(() => {
  for (const s of subscriptions) s.unsubscribe();
  expect(leakedSecrets()).toEqual([]);
});
