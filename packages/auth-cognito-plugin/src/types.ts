// The plugin's public types, gathered: data types from the leaf `model.ts`, options and callbacks from `api/`.
export type * from './model.js';
export type * from './api/options.js';
