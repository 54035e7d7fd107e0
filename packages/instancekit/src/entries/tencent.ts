// instancekit/tencent — the facade with the Tencent Cloud CVM driver alone, so a bundle holds that one provider's client.
import { kitFor } from '../create.js';
import { tencent } from '../providers/tencent.js';

export * from '../exports.js';

/** `createInstanceKit` for Tencent Cloud CVM (`provider` may be left out). */
export const createInstanceKit = kitFor<'tencent'>(tencent);
