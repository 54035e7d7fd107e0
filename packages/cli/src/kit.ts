// The kit a single-instance command works with, from the global flags. Credentials are never flags: each
// provider's resolver finds them (its environment variables, then its profile files — `--profile` picks one).
import { createInstanceKit, type InstanceKit, type ProviderName } from 'instancekit';
import { FLEET_PROVIDERS } from 'instancekit/fleet-node';
import { UsageError } from './secrets.js';

export interface GlobalFlags {
  provider?: string;
  region?: string;
  endpoint?: string;
  billingEndpoint?: string;
  profile?: string;
  timeoutMs?: number;
  json?: boolean;
}

export function kitFrom(flags: GlobalFlags): InstanceKit {
  const { provider } = flags;
  if (!provider) throw new UsageError(`--provider is required (${FLEET_PROVIDERS.join(', ')})`);
  return createInstanceKit({
    provider: provider as ProviderName,
    ...(flags.region !== undefined ? { region: flags.region } : {}),
    ...(flags.endpoint !== undefined ? { endpoint: flags.endpoint } : {}),
    ...(flags.billingEndpoint !== undefined ? { billingEndpoint: flags.billingEndpoint } : {}),
    ...(flags.profile !== undefined ? { profile: flags.profile } : {}),
    ...(flags.timeoutMs !== undefined ? { timeoutMs: flags.timeoutMs } : {}),
  });
}

/** An integer flag, refused when it is not one (commander passes strings). */
export function integerFlag(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new UsageError(`${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(value)})`);
    return n;
  };
}

export function numberFlag(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= min || n > max)
      throw new UsageError(
        `${name} must be a number above ${min} and at most ${max} (got ${JSON.stringify(value)})`,
      );
    return n;
  };
}
