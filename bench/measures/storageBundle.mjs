// Bundle bytes of an app that configures Auth and Storage and calls uploadData + downloadData:
// Plugboard's S3 plugin vs aws-amplify's Storage, bundled alike (see lib/appBundle.mjs). Plugboard counts
// its initial download and the lazy chunks the flow can fetch (bundleSize.mjs's walk: the auth plugin's
// user-pool, hosted-UI and escape-hatch chunks are left out); aws-amplify counts everything it bundles.
import { bundle } from './bundleSize.mjs';
import { row } from '../lib/row.mjs';

export async function measure() {
  const [plugboard, awsAmplify] = await Promise.all([
    bundle('plugboardStorage'),
    bundle('awsAmplifyStorage'),
  ]);
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  return [
    row({
      group: 'storageBundle',
      name: 'bundle: configure + uploadData + downloadData, initial + lazy fetched',
      plugboard: plugboard.initial + plugboard.federationLazy,
      awsAmplify: awsAmplify.initial + awsAmplify.lazy,
      unit: 'B gzip',
      note:
        `Plugboard: ${kb(plugboard.initial)} initial + ${kb(plugboard.federationLazy)} lazy chunks the flow fetches (the auth plugin's runtime); ` +
        `its S3 client is the AWS SDK's @aws-sdk/client-s3. ${kb(plugboard.lazy - plugboard.federationLazy)} more lazy code (the auth plugin's user-pool and hosted-UI code and SDK clients) is never fetched. ` +
        `aws-amplify: ${kb(awsAmplify.initial)} initial + ${kb(awsAmplify.lazy)} lazy (its own S3 client).`,
    }),
  ];
}
