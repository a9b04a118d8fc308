// The plugin's public types, gathered: data types from `model/types.ts`, options and callbacks from `api/`.
export type * from './model/types.js';
export type * from './api/options.js';
