import { MockError } from './registry';

/** Seeded faults: each request draws the same decisions for the same seed and the same order of requests. */
export interface ChaosOptions {
  seed: number;
  /** Share of requests answered with the provider's throttling answer, 0..1. */
  throttle?: number;
  /** Share of requests answered with the provider's server-error answer, 0..1. */
  serverError?: number;
  /** Added latency, uniform in [min, max] ms. */
  latencyMs?: [number, number];
}

export interface ChaosDecision {
  fault?: 'throttle' | 'serverError';
  latencyMs: number;
}

/** mulberry32: tiny, fast and good enough to spread faults; the point is reproducibility, not randomness. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function share(name: string, value: number | undefined): number {
  if (value === undefined) return 0;
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new MockError(`chaos.${name} must be in 0..1`);
  return value;
}

/** Checks the options once and returns the per-server decision source (reset() starts the sequence over). */
export function createChaos(options: ChaosOptions, salt: string) {
  if (!Number.isSafeInteger(options.seed)) throw new MockError('chaos.seed must be an integer');
  const throttle = share('throttle', options.throttle);
  const serverError = share('serverError', options.serverError);
  if (throttle + serverError > 1) throw new MockError('chaos.throttle + chaos.serverError must be at most 1');
  const [min, max] = options.latencyMs ?? [0, 0];
  if (!(Number.isFinite(min) && Number.isFinite(max) && min >= 0 && max >= min && max <= 60_000))
    throw new MockError('chaos.latencyMs must be [min, max] with 0 <= min <= max <= 60000');
  // Each server gets its own sequence (salted by its name), so adding a provider does not shift another's faults.
  let saltHash = 0;
  for (const char of salt) saltHash = (Math.imul(saltHash, 31) + char.charCodeAt(0)) | 0;
  let random = mulberry32(options.seed ^ saltHash);
  return {
    /** Two draws per request (fault, latency), always, so one decision never shifts the next. */
    next(): ChaosDecision {
      const faultDraw = random();
      const latencyDraw = random();
      const fault =
        faultDraw < throttle ? 'throttle' : faultDraw < throttle + serverError ? 'serverError' : undefined;
      return { ...(fault ? { fault } : {}), latencyMs: Math.round(min + latencyDraw * (max - min)) };
    },
    reset(): void {
      random = mulberry32(options.seed ^ saltHash);
    },
  };
}

export type Chaos = ReturnType<typeof createChaos>;
