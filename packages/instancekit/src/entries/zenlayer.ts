// instancekit/zenlayer — the facade with the Zenlayer ZEC driver alone, so a bundle holds that one provider's client.
import { kitFor } from '../create.js';
import { zenlayer } from '../providers/zenlayer.js';

export * from '../exports.js';

/** `createInstanceKit` for Zenlayer ZEC (`provider` may be left out). */
export const createInstanceKit = kitFor<'zenlayer'>(zenlayer);
