/**
 * Conformance: the constraint table (src/model/shapes.ts, mirroring the botocore model
 * cognito-identity/2014-06-30 and the API reference's Request Parameters) and the ValidationException
 * message form (BEHAVIOUR section 10, first rule). Cases are generated from the table itself: every
 * required member, every length, range, size and pattern constraint of every operation's input.
 */
import { GetIdCommand, ListIdentityPoolsCommand } from '@aws-sdk/client-cognito-identity';
import { OPERATION_INPUTS, SHAPES, type Shape } from '../../src/model/shapes';
import type { CognitoIdentityEmulator } from '../../src/index.js';
import { clientFor, rawCall, start, stopAll } from '../helpers';

const UNSIGNED = new Set(['GetId', 'GetCredentialsForIdentity', 'GetOpenIdToken', 'UnlinkIdentity']);
const SOURCE = 'botocore cognito-identity 2014-06-30';

interface Case {
  title: string;
  operation: string;
  body: Record<string, unknown>;
  expected: string;
}

const camel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/** A value of the right type that breaks nothing, or undefined when the generator has none. */
function validValue(shapeName: string): unknown {
  const shape = SHAPES[shapeName]!;
  switch (shape.type) {
    case 'string':
      if (shape.enum) return shape.enum[0];
      if (shapeName === 'IdentityId' || shapeName === 'IdentityPoolId') return 'us-east-1:0a0a';
      if (shapeName === 'AccountId') return '123456789012';
      if (shapeName === 'RoleType') return 'authenticated';
      return 'a'.repeat(Math.max(shape.min ?? 1, 20));
    case 'integer':
      return shape.min ?? 1;
    case 'boolean':
      return true;
    case 'list':
      return [];
    case 'map':
      return {};
    default:
      return {};
  }
}

function scalarBreaks(shapeName: string): { value: unknown; constraint: string }[] {
  const shape = SHAPES[shapeName] as Shape;
  const out: { value: unknown; constraint: string }[] = [];
  if (shape.type === 'string') {
    if (shape.max !== undefined && shape.max < 70000) {
      out.push({
        value: 'a'.repeat(shape.max + 1),
        constraint: `Member must have length less than or equal to ${shape.max}`,
      });
    }
    if (shape.min !== undefined && shape.min > 0) {
      out.push({
        value: 'a'.repeat(shape.min - 1),
        constraint: `Member must have length greater than or equal to ${shape.min}`,
      });
    }
    if (shape.pattern) {
      out.push({
        value: 'a b!',
        constraint: `Member must satisfy regular expression pattern: ${shape.pattern}`,
      });
    }
  }
  if (shape.type === 'integer') {
    if (shape.max !== undefined)
      out.push({
        value: shape.max + 1,
        constraint: `Member must have value less than or equal to ${shape.max}`,
      });
    if (shape.min !== undefined)
      out.push({
        value: shape.min - 1,
        constraint: `Member must have value greater than or equal to ${shape.min}`,
      });
  }
  return out;
}

function cases(): Case[] {
  const all: Case[] = [];
  for (const [operation, input] of Object.entries(OPERATION_INPUTS)) {
    const base: Record<string, unknown> = {};
    for (const name of input.required ?? []) base[name] = validValue(input.members[name]!);
    for (const [member, shapeName] of Object.entries(input.members)) {
      const path = camel(member);
      const shape = SHAPES[shapeName]!;
      const at = `${operation}.${member} (${SOURCE} shape ${shapeName}`;
      if (input.required?.includes(member)) {
        const body = { ...base };
        delete body[member];
        all.push({
          title: `${at}, required)`,
          operation,
          body,
          expected: `Value null at '${path}' failed to satisfy constraint: Member must not be null`,
        });
      }
      for (const { value, constraint } of scalarBreaks(shapeName)) {
        all.push({
          title: `${at}): ${constraint}`,
          operation,
          body: { ...base, [member]: value },
          expected: `at '${path}' failed to satisfy constraint: ${constraint}`,
        });
      }
      if (shape.type === 'list' || shape.type === 'map') {
        if (shape.max !== undefined) {
          const n = shape.max + 1;
          const value =
            shape.type === 'list'
              ? Array.from({ length: n }, () => validValue(shape.member))
              : Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, validValue(shape.value)]));
          all.push({
            title: `${at}): at most ${shape.max} entries`,
            operation,
            body: { ...base, [member]: value },
            expected: `at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${shape.max}`,
          });
        }
        if (shape.min !== undefined && shape.min > 0) {
          all.push({
            title: `${at}): at least ${shape.min} entries`,
            operation,
            body: { ...base, [member]: [] },
            expected: `at '${path}' failed to satisfy constraint: Member must have length greater than or equal to ${shape.min}`,
          });
        }
        const inner = shape.type === 'list' ? shape.member : shape.value;
        const kind =
          shape.type === 'list' ? 'Member must satisfy constraint' : 'Map value must satisfy constraint';
        for (const { value, constraint } of scalarBreaks(inner)) {
          const container = shape.type === 'list' ? [value] : { k: value };
          all.push({
            title: `${at}) entries: ${constraint}`,
            operation,
            body: { ...base, [member]: container },
            expected: `at '${path}' failed to satisfy constraint: ${kind}: [${constraint}`,
          });
        }
        if (shape.type === 'map') {
          for (const { value, constraint } of scalarBreaks(shape.key)) {
            if (typeof value !== 'string') continue;
            all.push({
              title: `${at}) keys: ${constraint}`,
              operation,
              body: { ...base, [member]: { [value]: validValue(shape.value) } },
              expected: `at '${path}' failed to satisfy constraint: Map keys must satisfy constraint: [${constraint}`,
            });
          }
        }
      }
    }
  }
  return all;
}

let emu: CognitoIdentityEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(stopAll);

describe('constraint table (generated from src/model/shapes.ts)', () => {
  it.each(cases().map((c) => [c.title, c] as const))('%s', async (_title, c) => {
    const res = await rawCall(emu, c.operation, JSON.stringify(c.body), {
      signed: !UNSIGNED.has(c.operation),
    });
    expect(res.status).toBe(400);
    expect(res.body.__type).toBe('ValidationException');
    expect(res.headers.get('x-amzn-errortype')).toBe('ValidationException:');
    expect(String(res.body.message)).toMatch(/^\d+ validation errors? detected: /);
    expect(String(res.body.message)).toContain(c.expected);
  });
});

describe('BEHAVIOUR 10: ValidationException message form (API reference "Common Errors": ValidationException)', () => {
  it("one error: \"1 validation error detected: Value '<v>' at '<member>' failed to satisfy constraint: Member must ...\"", async () => {
    const error = await clientFor(emu)
      .send(new GetIdCommand({ IdentityPoolId: 'us-east-1:XYZ' }))
      .catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    expect((error as Error).message).toBe(
      "1 validation error detected: Value 'us-east-1:XYZ' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+",
    );
  });

  it('several errors: "N validation errors detected: ...; ..."', async () => {
    const res = await rawCall(emu, 'ListIdentityPools', JSON.stringify({ MaxResults: 0, NextToken: 'a b' }), {
      signed: true,
    });
    expect(res.body.message).toBe(
      "2 validation errors detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
        "Value 'a b' at 'nextToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+",
    );
  });

  it('never echoes a provider token (IdentityProviderToken is sensitive in the model)', async () => {
    const secret = 's3cr3t'.repeat(9000);
    const res = await rawCall(
      emu,
      'GetId',
      JSON.stringify({ IdentityPoolId: 'us-east-1:0a', Logins: { 'graph.facebook.com': secret } }),
    );
    expect(res.body.__type).toBe('ValidationException');
    expect(String(res.body.message)).toContain("Value '{graph.facebook.com=***}' at 'logins'");
    expect(String(res.body.message)).not.toContain('s3cr3t');
    expect(res.headers.get('x-amzn-errormessage')).not.toContain('s3cr3t');
  });

  it('a value of the wrong JSON type is a SerializationException, not a validation error', async () => {
    const res = await rawCall(emu, 'GetId', '{"IdentityPoolId":42}');
    expect(res.body.__type).toBe('SerializationException');
  });

  it('InvalidParameterException stays for what the constraints cannot say (an unreadable NextToken)', async () => {
    await expect(
      clientFor(emu).send(new ListIdentityPoolsCommand({ MaxResults: 5, NextToken: 'garbage' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('NextToken up to 65535 characters passes validation (PaginationKey max 65535)', async () => {
    const ok = await rawCall(
      emu,
      'ListIdentityPools',
      JSON.stringify({ MaxResults: 1, NextToken: 'a'.repeat(65535) }),
      { signed: true },
    );
    expect(ok.body.__type).toBe('InvalidParameterException'); // past validation: the token is just unknown
    const tooLong = await rawCall(
      emu,
      'ListIdentityPools',
      JSON.stringify({ MaxResults: 1, NextToken: 'a'.repeat(65536) }),
      { signed: true },
    );
    expect(tooLong.body.__type).toBe('ValidationException');
  });

  it('SupportedLoginProviders values must match [\\w.;_/-]+ (IdentityProviderId)', async () => {
    const res = await rawCall(
      emu,
      'CreateIdentityPool',
      JSON.stringify({
        IdentityPoolName: 'p',
        AllowUnauthenticatedIdentities: false,
        SupportedLoginProviders: { 'graph.facebook.com': 'app id!' },
      }),
      { signed: true },
    );
    expect(res.body.__type).toBe('ValidationException');
    expect(String(res.body.message)).toContain(
      'Map value must satisfy constraint: [Member must satisfy regular expression pattern: [\\w.;_/-]+]',
    );
  });
});
