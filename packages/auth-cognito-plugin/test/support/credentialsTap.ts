// The demo's credentials tap, remembering every secret it sees for the suite-wide leak scan.
import {
  startCredentialsTap as startTap,
  type CredentialsTap,
} from '../../../../examples/federation-demo/src/game/credentialsTap';
import { rememberSecrets } from './secrets';

export type { CredentialsTap };

export function startCredentialsTap(target: string): Promise<CredentialsTap> {
  return startTap(target, (issued) => rememberSecrets(issued.secretAccessKey, issued.sessionToken));
}
