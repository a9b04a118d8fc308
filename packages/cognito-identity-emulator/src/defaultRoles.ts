/** Account id used in the emulator's default role ARNs and resource ARNs. */
export const EMULATOR_ACCOUNT_ID = '000000000000';

/** The roles a pool gets when `createIdentityPool` is given none, so simple callers get credentials. */
export const DEFAULT_ROLES = {
  authenticated: `arn:aws:iam::${EMULATOR_ACCOUNT_ID}:role/plugboard-emulator-authenticated`,
  unauthenticated: `arn:aws:iam::${EMULATOR_ACCOUNT_ID}:role/plugboard-emulator-unauthenticated`,
} as const;
