/**
 * @instancekit/core/internal — the plumbing the provider packages and the facade share: the invoker, request
 * building and sending, the envelope reader, validation, options and credentials, crypto, redaction. No semver
 * promise: it changes with the packages that use it. Users import from `@instancekit/core`.
 */
export * from './client-kit.js';
export * from './credentials.js';
export * from './crypto.js';
export * from './deadline.js';
export * from './env.js';
export * from './envelope.js';
export * from './error-families.js';
export * from './errors.js';
export * from './fetch-transport.js';
export * from './flatten.js';
export * from './fragment-action.js';
export * from './operation-client.js';
export * from './operation-facts.js';
export * from './options.js';
export * from './redact.js';
export * from './rest-request.js';
export * from './retry.js';
export * from './scoped-signature.js';
export * from './typed-methods.js';
export * from './validate.js';
export * from './wire-request.js';
