// `fleet plan`: the whole plan checked offline first (nothing is sent while any change is bad), then per change,
// paced like a run: describe, the target's availability and price (the kit's dry run: nothing is changed), and
// whether the change would stop the instance. Totals per currency.
import { InstanceKitError } from '@instancekit/core/internal';
import type { DryRunResult, Quote } from '../types.js';
import type { PriceRecord, SeenInstance } from './journal.js';
import { checkFleetOptions, PREVIEW_OPTIONS } from './options.js';
import { eachLimited, interleaved } from './pool.js';
import { changeIdentity, type FleetKitOptions, prepareFleet } from './prepare.js';
import { DEFAULT_RATE_SHARE, rateLimiter } from './rate-limit.js';
import { seen } from './reconcile.js';
import { type PriceTotal, priceTotals } from './report.js';

export interface PreviewEntry {
  key: string;
  provider: string;
  region?: string;
  instanceId: string;
  kind: 'resize' | 'reinstall';
  target: string;
  /** What describe shows now; absent when describe failed (`error`). */
  now?: SeenInstance;
  /** Already the target type: a run sends nothing for it. */
  noop: boolean;
  /** The job would stop the instance first (and, with `stopAndRestart`, start it again). */
  wouldStop: boolean;
  /** The change would be refused: the instance is running and `whenRunning` is `refuse`. */
  refused: boolean;
  availability: NonNullable<DryRunResult['availability']> | 'notApplicable';
  price: PriceRecord | null;
  priceNote?: string;
  error?: { code: string; message: string; requestId?: string };
}

export interface FleetPreview {
  /** Every change can run: described, not refused, its target not sold out. */
  ok: boolean;
  entries: PreviewEntry[];
  totals: PriceTotal[];
}

export interface FleetPreviewOptions extends FleetKitOptions {
  plan: unknown;
  concurrency?: number;
  rateShare?: number;
}

export async function previewFleet(options: FleetPreviewOptions): Promise<FleetPreview> {
  checkFleetOptions(options, PREVIEW_OPTIONS);
  const limiter = rateLimiter(options.rateShare ?? DEFAULT_RATE_SHARE);
  const { changes } = prepareFleet(options.plan, options, (_key, change) => async (call, send) => {
    // A preview sends no mutation (dry runs and reads only); should one ever come, it is refused here.
    if (call.mutating)
      throw new InstanceKitError(`fleet plan never sends ${call.action}`, { code: 'Internal' });
    if (call.rateLimitPerSecond)
      await limiter.take(
        `${change.provider}/${change.region ?? '-'}/${call.action}`,
        call.rateLimitPerSecond,
      );
    return send();
  });
  const entries: PreviewEntry[] = new Array(changes.length);
  await eachLimited(interleaved(changes), options.concurrency ?? 8, async (prepared) => {
    const { change, kind, target, kit, input } = prepared;
    const entry: PreviewEntry = {
      ...changeIdentity(prepared),
      noop: false,
      wouldStop: false,
      refused: false,
      availability: kind === 'resize' ? 'unknown' : 'notApplicable',
      price: null,
    };
    entries[prepared.index] = entry;
    try {
      const now = seen(await kit.describe(change.instanceId));
      entry.now = now;
      entry.noop = kind === 'resize' && now.instanceType === target;
      if (entry.noop) return;
      const stop = now.state === 'running' && prepared.needsStop(now.providerState);
      entry.refused = stop && input.whenRunning === 'refuse';
      entry.wouldStop = stop && !entry.refused;
      const dry =
        kind === 'resize'
          ? await kit.resize({ instanceId: change.instanceId, instanceType: target, dryRun: true })
          : await kit.reinstall({ ...reinstallOf(input), dryRun: true });
      if ('availability' in dry && dry.availability) entry.availability = dry.availability;
      entry.price = dry.quote ? priceOf(dry.quote) : null;
      if (!dry.quote)
        entry.priceNote =
          kit.capabilities[kind === 'resize' ? 'quoteResize' : 'quoteReinstall'].note ?? 'not priced';
    } catch (error) {
      const known = error instanceof InstanceKitError ? error : undefined;
      entry.error = {
        code: known?.providerCode ?? known?.code ?? 'Internal',
        message: error instanceof Error ? error.message : String(error),
        ...(known?.requestId ? { requestId: known.requestId } : {}),
      };
    }
  });
  return {
    ok: entries.every(
      (e) =>
        !e.error &&
        !e.refused &&
        (e.availability === 'available' ||
          e.availability === 'unknown' ||
          e.availability === 'notApplicable'),
    ),
    entries,
    totals: priceTotals(entries.map((e) => e.price)),
  };
}

const priceOf = ({ currency, lines, unconfirmed }: Quote): PriceRecord => ({ currency, lines, unconfirmed });

/** The reinstall itself of a job's input: without the job's own options. */
function reinstallOf(input: object) {
  const { whenRunning: _w, stopType: _s, ...reinstall } = input as Record<string, unknown>;
  return reinstall as { instanceId: string };
}
