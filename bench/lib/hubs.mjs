// The two Hubs behind one small interface, so every Hub measurement runs the same code for both.
// Hot loops call the libraries directly (no wrapper per event) so neither pays for an adapter.

/** Plugboard: Hub.subscribe/publish on a custom (unprotected) channel; unsubscribe via the token. */
async function plugboardHub() {
  const { Hub } = await import('@plugboard/core');
  return {
    subscribe: (channel, listener) => Hub.subscribe(channel, listener),
    unsubscribe: (token) => token.unsubscribe(),
    publishBatch(channel, n) {
      for (let i = 0; i < n; i++) Hub.publish(channel, { name: 'tick', data: i });
    },
    subscribeUnsubscribeBatch(channel, listener, n) {
      for (let i = 0; i < n; i++) Hub.subscribe(channel, listener).unsubscribe();
    },
    churnBatch(prefix, listener, n) {
      for (let i = 0; i < n; i++) Hub.subscribe(`${prefix}${i}`, listener).unsubscribe();
    },
  };
}

/** aws-amplify: Hub.listen returns the function that removes the listener; Hub.dispatch publishes. */
async function awsAmplifyHub() {
  const { Hub } = await import('aws-amplify/utils');
  return {
    subscribe: (channel, listener) => Hub.listen(channel, listener),
    unsubscribe: (stop) => stop(),
    publishBatch(channel, n) {
      for (let i = 0; i < n; i++) Hub.dispatch(channel, { event: 'tick', data: i });
    },
    subscribeUnsubscribeBatch(channel, listener, n) {
      for (let i = 0; i < n; i++) Hub.listen(channel, listener)();
    },
    churnBatch(prefix, listener, n) {
      for (let i = 0; i < n; i++) Hub.listen(`${prefix}${i}`, listener)();
    },
  };
}

export const loadHub = (library) => (library === 'plugboard' ? plugboardHub() : awsAmplifyHub());
export const LIBRARIES = ['plugboard', 'awsAmplify'];
