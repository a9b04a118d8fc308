/** Request field validation with the constraints of the Amazon Cognito Identity API reference. */
import { invalidParameter } from './errors.js';

export type Input = Record<string, unknown>;

export const IDENTITY_POOL_ID = { min: 1, max: 55, pattern: /^[\w-]+:[0-9a-f-]+$/ };
export const IDENTITY_ID = { min: 1, max: 55, pattern: /^[\w-]+:[0-9a-f-]+$/ };
export const IDENTITY_POOL_NAME = { min: 1, max: 128, pattern: /^[\w\s+=,.@-]+$/ };
export const DEVELOPER_PROVIDER_NAME = { min: 1, max: 128, pattern: /^[\w._-]+$/ };
export const PROVIDER_NAME = { min: 1, max: 128 };
export const NEXT_TOKEN = { min: 1, max: 4096, pattern: /^\S+$/ };
export const MAX_LOGINS = 10;
export const MAX_TOKEN_LENGTH = 50000;

interface StringRule {
  min?: number;
  max?: number;
  pattern?: RegExp;
}

function checkString(field: string, value: unknown, rule: StringRule): string {
  if (typeof value !== 'string') throw invalidParameter(`${field} must be a string.`);
  const { min = 0, max = Infinity, pattern } = rule;
  if (value.length < min || value.length > max) {
    throw invalidParameter(`${field} must be between ${min} and ${max} characters long.`);
  }
  if (pattern && !pattern.test(value)) {
    throw invalidParameter(`${field} must match the pattern ${pattern.source}.`);
  }
  return value;
}

export function requiredString(input: Input, field: string, rule: StringRule = {}): string {
  if (input[field] === undefined || input[field] === null) throw invalidParameter(`${field} is required.`);
  return checkString(field, input[field], rule);
}

export function optionalString(input: Input, field: string, rule: StringRule = {}): string | undefined {
  const value = input[field];
  return value === undefined || value === null ? undefined : checkString(field, value, rule);
}

export function requiredBoolean(input: Input, field: string): boolean {
  const value = optionalBoolean(input, field);
  if (value === undefined) throw invalidParameter(`${field} is required.`);
  return value;
}

export function optionalBoolean(input: Input, field: string): boolean | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalidParameter(`${field} must be a boolean.`);
  return value;
}

export function optionalInteger(input: Input, field: string, min: number, max: number): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidParameter(`${field} must be an integer from ${min} to ${max}.`);
  }
  return value;
}

export function requiredInteger(input: Input, field: string, min: number, max: number): number {
  const value = optionalInteger(input, field, min, max);
  if (value === undefined) throw invalidParameter(`${field} is required.`);
  return value;
}

function isPlainObject(value: unknown): value is Input {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string-to-string map; values are checked without ever being echoed (they may be tokens). */
export function optionalStringMap(
  input: Input,
  field: string,
  keyRule: StringRule,
  valueRule: StringRule,
  maxEntries = Infinity,
): Record<string, string> | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw invalidParameter(`${field} must be a map of strings.`);
  const entries = Object.entries(value);
  if (entries.length > maxEntries)
    throw invalidParameter(`${field} must have at most ${maxEntries} entries.`);
  const result: Record<string, string> = {};
  for (const [key, entry] of entries) {
    checkString(`${field} key`, key, keyRule);
    if (typeof entry !== 'string') throw invalidParameter(`${field} values must be strings.`);
    const { min = 0, max = Infinity } = valueRule;
    if (entry.length < min || entry.length > max) {
      throw invalidParameter(`${field} values must be between ${min} and ${max} characters long.`);
    }
    result[key] = entry;
  }
  return result;
}

/** The `Logins` map: at most 10 providers, names 1-128 characters, tokens 1-50000 characters. */
export function optionalLogins(input: Input, field = 'Logins'): Record<string, string> | undefined {
  return optionalStringMap(input, field, PROVIDER_NAME, { min: 1, max: MAX_TOKEN_LENGTH }, MAX_LOGINS);
}

export function requiredLogins(input: Input, field = 'Logins'): Record<string, string> {
  const logins = optionalLogins(input, field);
  if (logins === undefined) throw invalidParameter(`${field} is required.`);
  return logins;
}

export function optionalStringList(
  input: Input,
  field: string,
  rule: StringRule,
  maxEntries = Infinity,
): string[] | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalidParameter(`${field} must be a list of strings.`);
  if (value.length > maxEntries) throw invalidParameter(`${field} must have at most ${maxEntries} entries.`);
  return value.map((item) => checkString(`${field} entry`, item, rule));
}

export function optionalObjectList(input: Input, field: string): Input[] | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every(isPlainObject)) {
    throw invalidParameter(`${field} must be a list of objects.`);
  }
  return value;
}

export function requiredStringList(
  input: Input,
  field: string,
  rule: StringRule,
  maxEntries = Infinity,
): string[] {
  const list = optionalStringList(input, field, rule, maxEntries);
  if (list === undefined) throw invalidParameter(`${field} is required.`);
  return list;
}
