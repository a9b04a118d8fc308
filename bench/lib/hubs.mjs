// Every event bus of the benchmark behind one small interface, so every Hub measurement runs the same
// code for each. Hot loops call the libraries directly (no wrapper per event) so no one pays for an
// adapter; every library gets the same event object shape, allocated in the loop.

/** Plugboard: Hub.subscribe/publish on a custom (unprotected) channel; unsubscribe via the token. */
async function plugboard() {
  const { Hub } = await import('@plugboard/core');
  return {
    subscribe: (channel, listener) => Hub.subscribe(channel, listener),
    unsubscribe: (token) => token.unsubscribe(),
    publishBatch(channel, n) {
      for (let i = 0; i < n; i++) Hub.publish(channel, { name: 'tick', data: i });
    },
    publishAlternating([a, b], n) {
      for (let i = 0; i < n; i++) Hub.publish(i & 1 ? b : a, { name: 'tick', data: i });
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
async function awsAmplify() {
  const { Hub } = await import('aws-amplify/utils');
  return {
    subscribe: (channel, listener) => Hub.listen(channel, listener),
    unsubscribe: (stop) => stop(),
    publishBatch(channel, n) {
      for (let i = 0; i < n; i++) Hub.dispatch(channel, { event: 'tick', data: i });
    },
    publishAlternating([a, b], n) {
      for (let i = 0; i < n; i++) Hub.dispatch(i & 1 ? b : a, { event: 'tick', data: i });
    },
    subscribeUnsubscribeBatch(channel, listener, n) {
      for (let i = 0; i < n; i++) Hub.listen(channel, listener)();
    },
    churnBatch(prefix, listener, n) {
      for (let i = 0; i < n; i++) Hub.listen(`${prefix}${i}`, listener)();
    },
  };
}

/** Node's EventEmitter: on/emit/off, no listener limit warning. */
async function nodeEvents() {
  const { EventEmitter } = await import('node:events');
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    subscribe(channel, listener) {
      emitter.on(channel, listener);
      return [channel, listener];
    },
    unsubscribe: ([channel, listener]) => void emitter.off(channel, listener),
    publishBatch(channel, n) {
      for (let i = 0; i < n; i++) emitter.emit(channel, { name: 'tick', data: i });
    },
    publishAlternating([a, b], n) {
      for (let i = 0; i < n; i++) emitter.emit(i & 1 ? b : a, { name: 'tick', data: i });
    },
    subscribeUnsubscribeBatch(channel, listener, n) {
      for (let i = 0; i < n; i++) emitter.on(channel, listener).off(channel, listener);
    },
    churnBatch(prefix, listener, n) {
      for (let i = 0; i < n; i++) emitter.on(`${prefix}${i}`, listener).off(`${prefix}${i}`, listener);
    },
  };
}

/** mitt: on/emit/off on one emitter. */
async function mitt() {
  const { default: create } = await import('mitt');
  const emitter = create();
  return {
    subscribe(channel, listener) {
      emitter.on(channel, listener);
      return [channel, listener];
    },
    unsubscribe: ([channel, listener]) => emitter.off(channel, listener),
    publishBatch(channel, n) {
      for (let i = 0; i < n; i++) emitter.emit(channel, { name: 'tick', data: i });
    },
    publishAlternating([a, b], n) {
      for (let i = 0; i < n; i++) emitter.emit(i & 1 ? b : a, { name: 'tick', data: i });
    },
    subscribeUnsubscribeBatch(channel, listener, n) {
      for (let i = 0; i < n; i++) {
        emitter.on(channel, listener);
        emitter.off(channel, listener);
      }
    },
    churnBatch(prefix, listener, n) {
      for (let i = 0; i < n; i++) {
        emitter.on(`${prefix}${i}`, listener);
        emitter.off(`${prefix}${i}`, listener);
      }
    },
  };
}

/** nanoevents: on returns the unbind function; emit. */
async function nanoevents() {
  const { createNanoEvents } = await import('nanoevents');
  const emitter = createNanoEvents();
  return {
    subscribe: (channel, listener) => emitter.on(channel, listener),
    unsubscribe: (unbind) => unbind(),
    publishBatch(channel, n) {
      for (let i = 0; i < n; i++) emitter.emit(channel, { name: 'tick', data: i });
    },
    publishAlternating([a, b], n) {
      for (let i = 0; i < n; i++) emitter.emit(i & 1 ? b : a, { name: 'tick', data: i });
    },
    subscribeUnsubscribeBatch(channel, listener, n) {
      for (let i = 0; i < n; i++) emitter.on(channel, listener)();
    },
    churnBatch(prefix, listener, n) {
      for (let i = 0; i < n; i++) emitter.on(`${prefix}${i}`, listener)();
    },
  };
}

const LOADERS = { plugboard, awsAmplify, nodeEvents, mitt, nanoevents };

/** Display names of the libraries, by key. */
export const LIBRARY_NAMES = {
  plugboard: 'plugboard',
  awsAmplify: 'aws-amplify',
  nodeEvents: 'node:events',
  mitt: 'mitt',
  nanoevents: 'nanoevents',
};

export const loadHub = (library) => LOADERS[library]();
