/**
 * Browser stand-in for `inspectAmplify` (mapped by the package's `browser` field): browsers never call
 * Node's `util.inspect` hook, so there is nothing to install.
 */
export function installInspectAmplify(_prototype: object): void {}
