/** Runs `work` over `items`, at most `concurrency` at a time; after `stop` fires no new item starts. */
export async function eachLimited<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
  stop?: AbortSignal,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop?.aborted) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/**
 * The order changes start in: round-robin over provider and region, so every rate-limit bucket is busy at once
 * (a plan listing one cloud's 100 instances before another's would otherwise wait on the first cloud's limit).
 */
export function interleaved<T extends { change: { provider: string; region?: string } }>(
  changes: readonly T[],
): T[] {
  const groups = new Map<string, T[]>();
  for (const item of changes) {
    const key = `${item.change.provider}/${item.change.region ?? '-'}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const queues = [...groups.values()];
  const out: T[] = [];
  for (let i = 0; out.length < changes.length; i++)
    for (const queue of queues) if (i < queue.length) out.push(queue[i]!);
  return out;
}
