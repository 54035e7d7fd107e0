export * from './crypto.js';
export * from './env.js';
export * from './errors.js';
export * from './fragment-action.js';
export * from './operation-client.js';
export * from './redact.js';
export * from './retry.js';
export * from './validate.js';
