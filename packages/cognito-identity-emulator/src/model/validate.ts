/**
 * Checks a request body against its input shape in the constraint table (`shapes.ts`). A value of the
 * wrong JSON type is a `SerializationException`, as on the service; every constraint violation is
 * collected and answered as one `ValidationException` in the service's message form:
 * `N validation error(s) detected: Value '<v>' at '<member>' failed to satisfy constraint: Member must ...`.
 * Values of sensitive shapes (provider tokens) are never echoed.
 */
import { CognitoServiceError, serializationError } from '../errors.js';
import { OPERATION_INPUTS, SHAPES, type Shape } from './shapes.js';

const MAX_ECHO = 256;
const patterns = new Map<string, RegExp>();

function regexOf(pattern: string): RegExp {
  let regex = patterns.get(pattern);
  if (!regex) {
    regex = new RegExp(`^(?:${pattern})$`, 'u');
    patterns.set(pattern, regex);
  }
  return regex;
}

/** `IdentityPoolId` -> `identityPoolId`, the member name form used in the service's messages. */
const memberName = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

function shapeOf(name: string): Shape {
  const shape = SHAPES[name];
  if (!shape) throw new Error(`constraint table has no shape ${name}`);
  return shape;
}

/** A Java-like rendering of a value (`{k=v}`, `[a, b]`), masking sensitive parts, capped in length. */
function render(value: unknown, shapeName: string): string {
  const shape = shapeOf(shapeName);
  let text: string;
  if (shape.type === 'string' && shape.sensitive) text = '***';
  else if (shape.type === 'map' && isPlainObject(value)) {
    text = `{${Object.entries(value)
      .map(([k, v]) => `${k}=${render(v, shape.value)}`)
      .join(', ')}}`;
  } else if (shape.type === 'list' && Array.isArray(value)) {
    text = `[${value.map((v) => render(v, shape.member)).join(', ')}]`;
  } else if (isPlainObject(value)) text = JSON.stringify(value);
  else text = String(value);
  return text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}...` : text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const wrongType = (path: string, expected: string): CognitoServiceError =>
  serializationError(`Expected ${expected} at '${path}'.`);

/** The constraint texts a scalar or the size of a collection breaks (empty when it satisfies all). */
function broken(value: unknown, shapeName: string): string[] {
  const shape = shapeOf(shapeName);
  const out: string[] = [];
  const length =
    shape.type === 'string'
      ? (value as string).length
      : shape.type === 'map'
        ? Object.keys(value as object).length
        : shape.type === 'list'
          ? (value as unknown[]).length
          : undefined;
  const noun = shape.type === 'integer' ? 'value' : 'length';
  const size = shape.type === 'integer' ? (value as number) : length;
  if ('max' in shape && shape.max !== undefined && size !== undefined && size > shape.max) {
    out.push(`Member must have ${noun} less than or equal to ${shape.max}`);
  }
  if ('min' in shape && shape.min !== undefined && size !== undefined && size < shape.min) {
    out.push(`Member must have ${noun} greater than or equal to ${shape.min}`);
  }
  if (shape.type === 'string') {
    if (shape.pattern && !regexOf(shape.pattern).test(value as string)) {
      out.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
    }
    if (shape.enum && !shape.enum.includes(value as string)) {
      out.push(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
    }
  }
  return out;
}

/** Throws SerializationException unless a scalar has the JSON type of its shape. */
function checkType(value: unknown, shapeName: string, path: string): void {
  const type = shapeOf(shapeName).type;
  if (type === 'string' && typeof value !== 'string') throw wrongType(path, 'a string');
  if (type === 'integer' && (typeof value !== 'number' || !Number.isInteger(value))) {
    throw wrongType(path, 'an integer');
  }
  if (type === 'boolean' && typeof value !== 'boolean') throw wrongType(path, 'a boolean');
}

class Walker {
  readonly violations: string[] = [];

  private add(value: unknown, shapeName: string, path: string, constraint: string): void {
    this.violations.push(
      `Value '${render(value, shapeName)}' at '${path}' failed to satisfy constraint: ${constraint}`,
    );
  }

  /** Checks the JSON type (throwing), then the constraints of `value` (collecting). */
  value(value: unknown, shapeName: string, path: string): void {
    const shape = shapeOf(shapeName);
    switch (shape.type) {
      case 'string':
        if (typeof value !== 'string') throw wrongType(path, 'a string');
        break;
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(path, 'an integer');
        break;
      case 'boolean':
        if (typeof value !== 'boolean') throw wrongType(path, 'a boolean');
        return;
      case 'list':
        if (!Array.isArray(value)) throw wrongType(path, 'a list');
        return this.list(value, shape, shapeName, path);
      case 'map':
        if (!isPlainObject(value)) throw wrongType(path, 'a map');
        return this.map(value, shape, shapeName, path);
      case 'structure':
        if (!isPlainObject(value)) throw wrongType(path, 'a structure');
        return this.structure(value, shape, path);
    }
    for (const constraint of broken(value, shapeName)) this.add(value, shapeName, path, constraint);
  }

  structure(
    value: Record<string, unknown>,
    shape: Extract<Shape, { type: 'structure' }>,
    prefix: string,
  ): void {
    for (const [name, memberShape] of Object.entries(shape.members)) {
      const path = prefix ? `${prefix}.${memberName(name)}` : memberName(name);
      const member = value[name];
      if (member === undefined || member === null) {
        if (shape.required?.includes(name)) {
          this.violations.push(
            `Value null at '${path}' failed to satisfy constraint: Member must not be null`,
          );
        }
        continue;
      }
      this.value(member, memberShape, path);
    }
  }

  private list(value: unknown[], shape: Extract<Shape, { type: 'list' }>, name: string, path: string): void {
    for (const constraint of broken(value, name)) this.add(value, name, path, constraint);
    const member = shapeOf(shape.member);
    if (member.type === 'structure') {
      value.forEach((item, i) => this.value(item, shape.member, `${path}.${i + 1}.member`));
      return;
    }
    const failed = new Set<string>();
    for (const item of value) {
      checkType(item, shape.member, path);
      for (const c of broken(item, shape.member)) failed.add(c);
    }
    if (failed.size > 0)
      this.add(value, name, path, `Member must satisfy constraint: [${[...failed].join(', ')}]`);
  }

  private map(
    value: Record<string, unknown>,
    shape: Extract<Shape, { type: 'map' }>,
    name: string,
    path: string,
  ): void {
    for (const constraint of broken(value, name)) this.add(value, name, path, constraint);
    const keys = new Set<string>();
    const values = new Set<string>();
    const valueShape = shapeOf(shape.value);
    for (const [key, entry] of Object.entries(value)) {
      for (const c of broken(key, shape.key)) keys.add(c);
      if (valueShape.type === 'structure') {
        this.value(entry, shape.value, `${path}.${key}.member`);
      } else {
        checkType(entry, shape.value, path); // constraints are reported in the map's form below
        for (const c of broken(entry, shape.value)) values.add(c);
      }
    }
    if (keys.size > 0)
      this.add(value, name, path, `Map keys must satisfy constraint: [${[...keys].join(', ')}]`);
    if (values.size > 0)
      this.add(value, name, path, `Map value must satisfy constraint: [${[...values].join(', ')}]`);
  }
}

/** Throws `SerializationException` or `ValidationException` unless `input` satisfies `operation`'s input shape. */
export function validateInput(operation: string, input: Record<string, unknown>): void {
  const shape = OPERATION_INPUTS[operation];
  if (!shape) return;
  const walker = new Walker();
  walker.structure(input, shape, '');
  const n = walker.violations.length;
  if (n === 0) return;
  throw new CognitoServiceError(
    'ValidationException',
    `${n} validation error${n === 1 ? '' : 's'} detected: ${walker.violations.join('; ')}`,
  );
}
