// Every driver of the facade: the root entry's `createInstanceKit` and the fleet (a fleet spans providers) use
// this list. It is a module of its own so the one-provider entries never import it: in Node they then load only
// their provider's client package, and a bundler has nothing of the others to drop.
import { createKitFrom, type InstanceKit } from './create.js';
import { jdcloud } from './providers/jdcloud.js';
import { tencent } from './providers/tencent.js';
import { zenlayer } from './providers/zenlayer.js';
import type { InstanceKitOptions } from './types.js';

/** Every driver of the facade: the one list a provider is registered in (ProviderName derives from it). */
export const ENTRIES = [tencent, zenlayer, jdcloud] as const;

/** The providers the facade has a driver for. */
export type ProviderName = (typeof ENTRIES)[number]['provider'];

/**
 * One interface to resize, price and reinstall instances on Tencent Cloud CVM, Zenlayer ZEC and JD Cloud VM.
 * Every argument is checked against its declared rules (schemas.ts), then provider input against the specs'
 * rules, before anything is sent: a ValidationError names the caller's field.
 */
export function createInstanceKit(options: InstanceKitOptions): InstanceKit {
  return createKitFrom(ENTRIES, options);
}
