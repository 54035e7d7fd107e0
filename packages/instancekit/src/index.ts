// instancekit — the facade over every provider: `createInstanceKit({ provider, ... })`. To bundle one provider's
// client only, import `createInstanceKit` from `instancekit/tencent`, `instancekit/zenlayer` or `instancekit/jdcloud`.

export * from './exports.js';
export { createInstanceKit } from './registry.js';
