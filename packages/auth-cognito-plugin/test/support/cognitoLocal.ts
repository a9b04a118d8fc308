// The user-pool emulator launcher lives with the demo, which runs the same real sign-in for people.
export {
  startUserPoolEmulator,
  type StartUserPoolEmulatorOptions,
  type UserPoolEmulator,
} from '../../../../examples/federation-demo/src/localUserPool';
