// Bundle bytes of an app that configures Auth and Storage and calls uploadData + downloadData:
// Plugboard's S3 plugin vs aws-amplify's Storage, bundled alike (see lib/appBundle.mjs).
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
      name: 'bundle: configure + uploadData + downloadData, all chunks',
      plugboard: plugboard.initial + plugboard.lazy,
      awsAmplify: awsAmplify.initial + awsAmplify.lazy,
      unit: 'B gzip',
      note:
        `Plugboard: ${kb(plugboard.initial)} initial + ${kb(plugboard.lazy)} lazy (its S3 client is the AWS SDK's @aws-sdk/client-s3); ` +
        `aws-amplify: ${kb(awsAmplify.initial)} initial + ${kb(awsAmplify.lazy)} lazy (its own S3 client).`,
    }),
  ];
}
