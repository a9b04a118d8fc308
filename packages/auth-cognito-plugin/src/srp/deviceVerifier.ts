import { bytesToBase64, bytesToHex, hexToBigInt, hexToBytes, modPow, padHex } from './bigIntMath.js';
import { webSrpCrypto, type SrpCrypto } from './srpCrypto.js';
import { SRP_G, SRP_N } from './srpGroup.js';
import { srpPrivateKey } from './srpMath.js';

/** What ConfirmDevice sends (DeviceSecretVerifierConfig), and the secret the device keeps. */
export interface DeviceVerifier {
  /** 40 random bytes, base64: the device's password for device SRP. Kept only in the session storage. */
  readonly secret: string;
  /** base64 of the salt's padded big-endian bytes. */
  readonly salt: string;
  /** base64 of `g^x mod N`'s padded big-endian bytes. */
  readonly verifier: string;
}

/**
 * A new device secret and its SRP verifier: the password SRP's `x = H(salt | H(groupKey | deviceKey
 * | ":" | secret))`, so the device later proves its secret exactly as a user proves a password, with the
 * group key as pool name and the device key as user id.
 */
export async function createDeviceVerifier(
  groupKey: string,
  deviceKey: string,
  crypto: SrpCrypto = webSrpCrypto,
): Promise<DeviceVerifier> {
  const secret = bytesToBase64(crypto.randomBytes(40));
  let salt = 0n;
  while (salt === 0n) salt = hexToBigInt(bytesToHex(crypto.randomBytes(16)));
  const x = await srpPrivateKey(crypto, salt, groupKey, deviceKey, secret);
  const verifier = modPow(SRP_G, x, SRP_N);
  return {
    secret,
    salt: bytesToBase64(hexToBytes(padHex(salt))),
    verifier: bytesToBase64(hexToBytes(padHex(verifier))),
  };
}
