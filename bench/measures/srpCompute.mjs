// 8. SRP client computation (USER_SRP_AUTH): Plugboard's SrpClient vs amazon-cognito-identity-js's
// AuthenticationHelper, interleaved in one process (A, B, A, B, ...), median and spread of each.
// A second row times a remembered device's work (issue 26): the ConfirmDevice verifier, then one
// device SRP proof (DEVICE_PASSWORD_VERIFIER), against the same library's device code.
import { Buffer } from 'node:buffer';
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchDir, inChild } from '../lib/child.mjs';
import { smoke } from '../lib/config.mjs';
import { row } from '../lib/row.mjs';
import { median } from '../lib/stats.mjs';

const POOL_ID = 'us-east-1_BenchPool';
const USER = 'bench-user';
const PASSWORD = 'Bench-Passw0rd-1';
const SALT = '9f3a2c5d7e1b4a6c8d0e2f4a6b8c0d1e';
const GROUP_KEY = '-BenchGroup';
const DEVICE_KEY = 'us-east-1_0b7a3c52-5a3e-4a3b-9d1e-0c1d2e3f4a5b';
const SECRET_BLOCK = Buffer.from('bench-secret-block'.repeat(8)).toString('base64');

const dist = (path) =>
  import(pathToFileURL(join(benchDir, '..', 'packages/auth-cognito-plugin/dist/esm', path)).href);

/** One sign-in's worth of client SRP work: A = g^a, then the PASSWORD_VERIFIER claim for B. */
async function contenders() {
  const { SrpClient } = await dist('srp/SrpClient.js');
  const { createDeviceVerifier } = await dist('srp/deviceVerifier.js');
  const { modPow } = await dist('srp/bigIntMath.js');
  const { SRP_G, SRP_N } = await dist('srp/srpGroup.js');
  const require = createRequire(join(benchDir, 'package.json'));
  const Helper = require('amazon-cognito-identity-js/lib/AuthenticationHelper.js').default;
  const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger.js').default;
  const B = modPow(SRP_G, 0xabcdef0123456789abcdef0123456789n, SRP_N).toString(16);
  const now = new Date();
  const plugboard = async () => {
    const client = SrpClient.create();
    const answer = await client.answer(
      POOL_ID,
      { SALT, SRP_B: B, SECRET_BLOCK, USER_ID_FOR_SRP: USER },
      PASSWORD,
      now,
    );
    return answer.PASSWORD_CLAIM_SIGNATURE;
  };
  const reference = () =>
    new Promise((resolve, reject) => {
      const helper = new Helper('BenchPool'); // computes A in its constructor
      helper.getPasswordAuthenticationKey(
        USER,
        PASSWORD,
        new BigInteger(B, 16),
        new BigInteger(SALT, 16),
        (error, key) => {
          if (error) return reject(error);
          const message = Buffer.concat([
            Buffer.from('BenchPool'),
            Buffer.from(USER),
            Buffer.from(SECRET_BLOCK, 'base64'),
            Buffer.from('Fri Nov 27 10:00:00 UTC 2026'),
          ]);
          resolve(createHmac('sha256', key).update(message).digest('base64'));
        },
      );
    });
  const devicePlugboard = async () => {
    const { secret } = await createDeviceVerifier(GROUP_KEY, DEVICE_KEY);
    const answer = await SrpClient.create().answerAs(
      GROUP_KEY,
      { SALT, SRP_B: B, SECRET_BLOCK, USER_ID_FOR_SRP: DEVICE_KEY },
      secret,
      now,
    );
    return answer.PASSWORD_CLAIM_SIGNATURE;
  };
  const deviceReference = () =>
    new Promise((resolve, reject) => {
      const confirming = new Helper(GROUP_KEY);
      confirming.generateHashDevice(GROUP_KEY, DEVICE_KEY, (hashError) => {
        if (hashError) return reject(hashError);
        const helper = new Helper(GROUP_KEY); // the device sign-in's own A
        helper.getPasswordAuthenticationKey(
          DEVICE_KEY,
          confirming.getRandomPassword(),
          new BigInteger(B, 16),
          new BigInteger(SALT, 16),
          (error, key) => {
            if (error) return reject(error);
            const message = Buffer.concat([
              Buffer.from(GROUP_KEY),
              Buffer.from(DEVICE_KEY),
              Buffer.from(SECRET_BLOCK, 'base64'),
              Buffer.from('Fri Nov 27 10:00:00 UTC 2026'),
            ]);
            resolve(createHmac('sha256', key).update(message).digest('base64'));
          },
        );
      });
    });
  return { plugboard, reference, devicePlugboard, deviceReference };
}

const ms = async (fn) => {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
};

/** Interleaved timings (ms) of two contenders, after a warm-up of each; the order swaps every round. */
async function interleave(plugboard, reference) {
  const rounds = smoke ? 1 : 25;
  for (let i = 0; i < (smoke ? 0 : 3); i++) {
    await plugboard();
    await reference();
  }
  const times = { plugboard: [], reference: [] };
  for (let i = 0; i < rounds; i++) {
    // Alternate who goes first, so neither always runs on a just-warmed cache.
    const order = i % 2 ? ['reference', 'plugboard'] : ['plugboard', 'reference'];
    for (const name of order) times[name].push(await ms(name === 'plugboard' ? plugboard : reference));
  }
  return times;
}

/** In a child process: the password SRP's timings, then the device SRP's. */
export async function sample() {
  const c = await contenders();
  return {
    password: await interleave(c.plugboard, c.reference),
    device: await interleave(c.devicePlugboard, c.deviceReference),
  };
}

const spread = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return `${q(0.25).toFixed(1)}-${q(0.75).toFixed(1)} ms`;
};

export async function measure() {
  const { password, device } = await inChild(import.meta.url, 'sample', {});
  const note = (times) =>
    `Peer is amazon-cognito-identity-js (AWS's SRP client), not aws-amplify; ${times.plugboard.length} ` +
    `interleaved rounds, median; interquartile range Plugboard ${spread(times.plugboard)}, ` +
    `amazon-cognito-identity-js ${spread(times.reference)}.`;
  return [
    row({
      group: 'srpCompute',
      name: 'SRP client computation (A + PASSWORD_VERIFIER claim)',
      plugboard: median(password.plugboard),
      awsAmplify: median(password.reference),
      unit: 'ms',
      target: { kind: 'ratioAtMost', value: 1 },
      note: note(password),
    }),
    row({
      group: 'srpCompute',
      name: 'Device SRP computation (ConfirmDevice verifier + DEVICE_PASSWORD_VERIFIER claim)',
      plugboard: median(device.plugboard),
      awsAmplify: median(device.reference),
      unit: 'ms',
      target: { kind: 'ratioAtMost', value: 1 },
      note: note(device),
    }),
  ];
}
