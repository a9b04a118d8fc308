// Bundle entry: the same flow with aws-amplify v6: configure an identity pool, fetchAuthSession through
// its Cognito credentials provider, then a DynamoDB PutItem signed with the session's credentials.
import { Amplify } from 'aws-amplify';
import { fetchAuthSession } from 'aws-amplify/auth';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';

const config = globalThis.benchConfig;
Amplify.configure({
  Auth: {
    Cognito: {
      identityPoolId: config.identityPoolId,
      identityPoolEndpoint: config.cognitoEndpoint,
      allowGuestAccess: true,
    },
  },
});
const { identityId } = await fetchAuthSession();
const dynamo = new DynamoDBClient({
  region: config.region,
  endpoint: config.dynamoEndpoint,
  credentials: async () => (await fetchAuthSession()).credentials,
});
await dynamo.send(
  new PutItemCommand({
    TableName: config.tableName,
    Item: { identityId: { S: identityId }, score: { N: '1' } },
  }),
);
globalThis.benchDone(identityId);
