// The user-pool emulator launcher lives with the demo, which runs the same real sign-in for people.
export {
  createPoolUser,
  startUserPoolEmulator,
  type StartUserPoolEmulatorOptions,
  type UserPoolEmulator,
} from '../../../../examples/federation-demo/src/localUserPool';
