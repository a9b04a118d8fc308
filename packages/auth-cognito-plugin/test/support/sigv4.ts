// The SigV4 check the demo's game runs in front of DynamoDB is the one these tests use too.
export * from '../../../../examples/federation-demo/src/game/sigv4Check';
