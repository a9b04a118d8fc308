// A social identity provider for the hosted-UI tests: oidc-provider (a certified OpenID provider), run as
// a child process because it is an ES module. Any login and password sign in; the login is the `sub`.
// Usage: node socialIdp.mjs <redirect_uri>; prints {"issuer": ...} on the first line of stdout.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const redirectUri = process.argv[2];
const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'hosted-ui-front',
      client_secret: 'front-secret-not-a-real-one',
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  findAccount: async (_ctx, id) => ({
    accountId: id,
    claims: async () => ({ sub: id, email: `${id}@social.test`, email_verified: true }),
  }),
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  pkce: { required: () => false },
  conformIdTokenClaims: false, // e-mail in the id token, as the social IdPs Cognito federates put it
  cookies: { keys: ['social-idp-test-cookie-key'] },
});
server.on('request', provider.callback());
process.stdout.write(
  `${JSON.stringify({ issuer, clientId: 'hosted-ui-front', clientSecret: 'front-secret-not-a-real-one' })}\n`,
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
