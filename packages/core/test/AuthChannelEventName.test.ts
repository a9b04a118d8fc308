import { AuthChannelEventName, type AuthHubEvent } from '@plugboard/core';

describe('AuthChannelEventName', () => {
  it('holds the four core auth events, each value equal to its name', () => {
    expect(Object.entries(AuthChannelEventName)).toEqual([
      ['SIGNED_IN', 'SIGNED_IN'],
      ['SIGNED_OUT', 'SIGNED_OUT'],
      ['SESSION_EXPIRED', 'SESSION_EXPIRED'],
      ['USER_DELETED', 'USER_DELETED'],
    ]);
  });

  it('names events of the AUTH channel', () => {
    const names: AuthHubEvent['name'][] = Object.values(AuthChannelEventName);
    expect(names).toHaveLength(4);
  });
});
