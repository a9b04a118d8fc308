// Bundle entry: the browser game's flow with Plugboard: configure, federate a provider token, then a
// DynamoDB PutItem signed with fromAmplifyAuth() credentials. The page sets globalThis.benchConfig.
import { Amplify } from '@plugboard/core';
import { AWSCognitoAuthPlugin, AuthProvider, fromAmplifyAuth } from '@plugboard/auth-cognito-plugin';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';

const config = globalThis.benchConfig;
const plugin = new AWSCognitoAuthPlugin();
Amplify.addPlugin(plugin);
Amplify.configure({
  auth: {
    plugins: {
      awsCognitoAuthPlugin: {
        CredentialsProvider: {
          CognitoIdentity: {
            Default: {
              PoolId: config.identityPoolId,
              Region: config.region,
              Endpoint: config.cognitoEndpoint,
            },
          },
        },
      },
    },
  },
});
const { identityId } = await plugin.federateToIdentityPool(config.providerToken, AuthProvider.facebook());
const dynamo = new DynamoDBClient({
  region: config.region,
  endpoint: config.dynamoEndpoint,
  credentials: fromAmplifyAuth(),
});
await dynamo.send(
  new PutItemCommand({
    TableName: config.tableName,
    Item: { identityId: { S: identityId }, score: { N: '1' } },
  }),
);
globalThis.benchDone(identityId);
