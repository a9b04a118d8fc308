/**
 * How many session ends aws-amplify started through the credentials provider are running. aws-amplify's
 * `signOut` announces `signedOut` on its Hub itself once the clear resolves, so the event forwarder does
 * not forward Plugboard's `SIGNED_OUT` while one runs: listeners hear one `signedOut`, not two.
 */
let running = 0;

export const amplifyInitiatedSignOuts = {
  /** Counts `work` as running until it settles. */
  track(work: Promise<unknown>): void {
    running++;
    const done = (): void => void running--;
    work.then(done, done);
  },
  get active(): boolean {
    return running > 0;
  },
};
