/**
 * Typed reads of a request body that already passed `validateInput` (model/validate.ts): types,
 * lengths, patterns and required members are checked there, from the constraint table, so these only
 * narrow the TypeScript types.
 */
export type Input = Record<string, unknown>;

const present = (value: unknown): boolean => value !== undefined && value !== null;

export const str = (input: Input, field: string): string => input[field] as string;

export const optStr = (input: Input, field: string): string | undefined =>
  present(input[field]) ? (input[field] as string) : undefined;

export const optBool = (input: Input, field: string): boolean | undefined =>
  present(input[field]) ? (input[field] as boolean) : undefined;

export const optInt = (input: Input, field: string): number | undefined =>
  present(input[field]) ? (input[field] as number) : undefined;

export const optMap = (input: Input, field: string): Record<string, string> | undefined =>
  present(input[field]) ? { ...(input[field] as Record<string, string>) } : undefined;

export const optList = (input: Input, field: string): string[] | undefined =>
  present(input[field]) ? [...(input[field] as string[])] : undefined;

export const optObjects = (input: Input, field: string): Input[] | undefined =>
  present(input[field]) ? (input[field] as Input[]) : undefined;
