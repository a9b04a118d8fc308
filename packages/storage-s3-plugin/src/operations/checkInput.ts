import { ValidationException } from '../errors.js';

/** Checks that `input` is an object (and its `options`, when given); returns it typed loosely. */
export function checkInput<T extends object>(
  input: unknown,
  method: string,
): T & { options?: Record<string, unknown> } {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new ValidationException(`${method} needs an input object.`, `Call ${method}({ path, ... }).`);
  const options = (input as { options?: unknown }).options;
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options)))
    throw new ValidationException(
      `${method}: options must be an object.`,
      'Leave options out, or give an object.',
    );
  return input as T & { options?: Record<string, unknown> };
}
