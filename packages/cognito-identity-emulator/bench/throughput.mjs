// Throughput of GetCredentialsForIdentity with 50 concurrent keep-alive clients, raw JSON 1.1 protocol.
// Runs against the built output: `npm run build` first, then `npm run bench -w @plugboard/cognito-identity-emulator`.
// Options: --requests N (default 20000), --concurrency N (default 50).
import { Buffer } from 'node:buffer';
import { Agent, request } from 'node:http';
import { URL } from 'node:url';
import { startCognitoIdentityEmulator } from '../dist/esm/index.js';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const total = arg('requests', 20000);
const concurrency = arg('concurrency', 50);

const emu = await startCognitoIdentityEmulator({ port: 0 });
const url = new URL(emu.endpoint);
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

function call(operation, body) {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: '/',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `AWSCognitoIdentityService.${operation}`,
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, body: JSON.parse(Buffer.concat(chunks).toString()) }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const IdentityPoolId = await emu.createIdentityPool({
  supportedLoginProviders: { 'graph.facebook.com': 'bench' },
});
const token = await emu.issueProviderToken({ providerName: 'graph.facebook.com', subject: 'bench-user' });
const Logins = { 'graph.facebook.com': token };
const { body: idBody } = await call('GetId', { IdentityPoolId, Logins });
const request_ = { IdentityId: idBody.IdentityId, Logins };

// Warm up (JIT, sockets), then measure.
await Promise.all(Array.from({ length: concurrency }, () => call('GetCredentialsForIdentity', request_)));
emu.resetRequests();

let sent = 0;
let failed = 0;
const started = process.hrtime.bigint();
async function worker() {
  while (sent < total) {
    sent++;
    const { status } = await call('GetCredentialsForIdentity', request_);
    if (status !== 200) failed++;
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

console.log(
  `GetCredentialsForIdentity: ${total} requests, ${concurrency} concurrent clients, ${failed} failed`,
);
console.log(`${(total / seconds).toFixed(0)} requests/s (${seconds.toFixed(2)} s)`);
agent.destroy();
await emu.stop();
process.exitCode = failed > 0 ? 1 : 0;
