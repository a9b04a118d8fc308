// Requests per second of the example server (examples/server-game): GET /scores, each request in its own
// auth context over the player's cookies, the player's item read from DynamoDB (dynalite behind the
// SigV4-verifying endpoint) by a per-request client signed with fromAmplifyAuth({ context }). Peer: the
// same node:http server, the same per-request client, GetItem and signature check, with one identity's
// credentials fixed in the process (no cookies, no context, no session lookup): the ratio is the share
// of the request rate left after the auth contexts' work. Both servers in one process on one backend,
// driven over keep-alive connections from the same process, in interleaved rounds (A, B, then B, A...).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import { inChild } from '../lib/child.mjs';
import { smoke } from '../lib/config.mjs';
import { median } from '../lib/stats.mjs';
import { row } from '../lib/row.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const exampleDist = join(root, 'examples', 'server-game', 'dist', 'server-game', 'src');
const CONCURRENCY = 8;
const counts = smoke ? { rounds: 2, perRound: 16, warmup: 16 } : { rounds: 12, perRound: 400, warmup: 800 };

/** The peer: the example's DynamoDB read with fixed credentials, no auth context. */
function startPeer(require, backend, credentials, identityId) {
  const { createServer, Agent } = require('node:http');
  const { DynamoDBClient, GetItemCommand } = require('@aws-sdk/client-dynamodb');
  const { NodeHttpHandler } = require('@smithy/node-http-handler');
  const { REGION, SCORES_TABLE, PARTITION_KEY } = require(join(exampleDist, 'backend.js'));
  const http = new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 64 }) });
  const server = createServer((req, res) => {
    const db = new DynamoDBClient({
      region: REGION,
      endpoint: backend.dynamoEndpoint,
      credentials,
      requestHandler: http,
    });
    db.send(
      new GetItemCommand({
        TableName: SCORES_TABLE,
        Key: { [PARTITION_KEY]: { S: identityId } },
        ConsistentRead: true,
      }),
    ).then(
      ({ Item }) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ identityId, scores: (Item?.scores?.L ?? []).map((v) => Number(v.N)) }));
      },
      (error) => {
        res.statusCode = 500;
        res.end(JSON.stringify({ error: error.name }));
      },
    );
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        stop: () => (server.closeAllConnections(), server.close(), http.destroy()),
      }),
    ),
  );
}

/** `total` GET /scores requests over CONCURRENCY keep-alive connections; requests per second. */
async function drive(require, agent, url, cookies, total) {
  const { request } = require('node:http');
  const get = (cookie) =>
    new Promise((resolve, reject) => {
      const req = request(`${url}/scores`, { agent, headers: cookie ? { cookie } : {} }, (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`)),
        );
      });
      req.on('error', reject);
      req.end();
    });
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, lane) => {
      while (next < total) {
        next++;
        await get(cookies[lane % cookies.length]);
      }
    }),
  );
  return total / (Number(process.hrtime.bigint() - started) / 1e9);
}

export async function sample({ rounds, perRound, warmup }) {
  const require = createRequire(join(exampleDist, 'main.js'));
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { Agent } = require('node:http');
  const { startGameWorld } = require(join(exampleDist, 'world.js'));
  const { Player } = require(join(exampleDist, 'player.js'));
  const { AuthProvider, createAuthContext } = require('@plugboard/auth-cognito-plugin');
  const world = await startGameWorld();
  const players = Array.from({ length: CONCURRENCY }, (_, i) => new Player(`bench${i}`, world.server.url));
  for (const p of players) {
    const reply = await p.send('POST', '/login', { token: await world.backend.token(p.name) });
    if (reply.status !== 200) throw new Error(`login: ${reply.status}`);
    await p.send('POST', '/scores', { score: 1 });
  }
  const cookies = players.map((p) => [...p.cookies()].map(([n, v]) => `${n}=${v}`).join('; '));
  // The peer's fixed identity: one federation in a context of its own, its credentials kept.
  const items = new Map();
  const context = createAuthContext({
    storage: {
      getItem: async (k) => items.get(k) ?? null,
      setItem: async (k, v) => void items.set(k, v),
      removeItem: async (k) => void items.delete(k),
    },
  });
  const fixed = await context.plugin.federateToIdentityPool(
    await world.backend.token('peer'),
    AuthProvider.facebook(),
  );
  await context.dispose();
  const peer = await startPeer(require, world.backend, fixed.credentials, fixed.identityId);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const contenders = {
    plugboard: () => drive(require, agent, world.server.url, cookies, perRound),
    peer: () => drive(require, agent, peer.url, [], perRound),
  };
  await contenders.plugboard(warmup);
  await drive(require, agent, peer.url, [], warmup);
  const rates = { plugboard: [], peer: [] };
  const before = world.backend.credentialsCalls();
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? ['plugboard', 'peer'] : ['peer', 'plugboard'];
    for (const name of order) rates[name].push(await contenders[name]());
  }
  if (world.backend.credentialsCalls() !== before)
    throw new Error('a warm request asked Cognito for credentials');
  if (world.backend.dynamo.rejected.length > 0) throw new Error('DynamoDB refused a request');
  agent.destroy();
  peer.stop();
  await world.stop();
  return rates;
}

export async function measure() {
  // The example's compiled output (packages come from their builds, as in every bench row).
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      join(root, 'examples', 'server-game', 'tsconfig.json'),
    ],
    { cwd: root },
  );
  const rates = await inChild(import.meta.url, 'sample', counts, { timeoutMs: 300_000 });
  const plugboard = median(rates.plugboard);
  const peer = median(rates.peer);
  const overheadUs = (1 / plugboard - 1 / peer) * 1e6;
  return [
    row({
      group: 'serverRequests',
      name: 'example server: GET /scores (context + cookies + DynamoDB)',
      plugboard,
      peer: 'same server, fixed credentials',
      peerValue: peer,
      unit: 'req/s',
      ratios: rates.plugboard.map((p, i) => p / rates.peer[i]),
      note:
        `${CONCURRENCY} keep-alive connections, ${counts.perRound} requests per round, ${counts.rounds} interleaved rounds; ` +
        `client, server, emulator and dynalite in one process. The per-request cost of the auth context ` +
        `(cookie read, context, session restore, fromAmplifyAuth) is about ${Math.round(overheadUs)} us ` +
        `at these rates (1/plugboard - 1/peer).`,
    }),
  ];
}
