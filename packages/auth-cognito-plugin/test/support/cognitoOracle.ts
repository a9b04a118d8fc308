// amazon-cognito-identity-js, AWS's own SRP client, as an independent oracle for tests (never used at runtime).
export interface OracleBigInteger {
  toString(radix: number): string;
}
export interface OracleHelper {
  smallAValue: OracleBigInteger;
  largeAValue?: OracleBigInteger;
  k: OracleBigInteger;
  getLargeAValue(callback: (error: unknown, A: OracleBigInteger) => void): void;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    B: OracleBigInteger,
    salt: OracleBigInteger,
    callback: (error: unknown, key: Buffer) => void,
  ): void;
  padHex(value: OracleBigInteger): string;
}

const helperModule = require('amazon-cognito-identity-js/lib/AuthenticationHelper.js') as {
  default: new (poolName: string) => OracleHelper;
};
const bigIntegerModule = require('amazon-cognito-identity-js/lib/BigInteger.js') as {
  default: new (hex: string, radix: number) => OracleBigInteger;
};
const dateModule = require('amazon-cognito-identity-js/lib/DateHelper.js') as {
  default: new () => { getNowString(): string };
};

export const OracleHelper = helperModule.default;
export const OracleBigInteger = bigIntegerModule.default;
export const oracleNowString = (): string => new dateModule.default().getNowString();

export function oracleBig(hex: string): OracleBigInteger {
  return new OracleBigInteger(hex, 16);
}
