import type { TOTPSetupDetails } from '@plugboard/core';

/** The shared secret and a builder of the `otpauth://` URI authenticator apps scan. */
export function totpSetupDetails(sharedSecret: string, defaultAccountName: string): TOTPSetupDetails {
  return Object.freeze({
    sharedSecret,
    getSetupURI(appName: string, accountName: string = defaultAccountName): string {
      const issuer = encodeURIComponent(appName);
      return `otpauth://totp/${issuer}:${encodeURIComponent(accountName)}?secret=${sharedSecret}&issuer=${issuer}`;
    },
  });
}
