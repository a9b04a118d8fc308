// The plugin's public types, gathered: data types from `model/types.ts`, options and callbacks from `runtime/options.ts`.
export type * from './model/types.js';
export type * from './runtime/options.js';
