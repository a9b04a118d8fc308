import { AWSCognitoAuthChannelEventName } from '../src';

describe('AWSCognitoAuthChannelEventName', () => {
  it('holds the two federation events, each value equal to its name', () => {
    expect(Object.entries(AWSCognitoAuthChannelEventName)).toEqual([
      ['FEDERATED_TO_IDENTITY_POOL', 'FEDERATED_TO_IDENTITY_POOL'],
      ['FEDERATION_TO_IDENTITY_POOL_CLEARED', 'FEDERATION_TO_IDENTITY_POOL_CLEARED'],
    ]);
  });
});
