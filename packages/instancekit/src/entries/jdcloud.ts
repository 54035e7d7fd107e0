// instancekit/jdcloud — the facade with the JD Cloud VM driver alone, so a bundle holds that one provider's client.
import { kitFor } from '../create.js';
import { jdcloud } from '../providers/jdcloud.js';

export * from '../exports.js';

/** `createInstanceKit` for JD Cloud VM (`provider` may be left out). */
export const createInstanceKit = kitFor<'jdcloud'>(jdcloud);
