/**
 * One attempt's, or a whole wait's, cancellation: it fires after `timeoutMs` or when the caller's signal does.
 * What a transport needs of it is `aborted`, `reason` and `watch`; the AbortSignal (for fetch, and for the facade's
 * waits) is made only when `signal` is first read — on Node 20 a controller and its signal cost more per call than
 * the rest of the attempt's bookkeeping, and the node:http transport never needs one. A controller and a timer
 * held here, instead of AbortSignal.timeout + AbortSignal.any: those cost more still, and `any` links to its
 * sources only weakly. `done()` clears the timer and the listener on the caller's (possibly long-lived) signal.
 */
export interface Cancellation {
  readonly aborted: boolean;
  readonly reason: unknown;
  /** Calls `listener` once when it fires (never if `done()` came first); returns the unwatch. */
  watch(listener: () => void): () => void;
}

export interface Deadline extends Cancellation {
  /** An AbortSignal that aborts with it (made on first read). */
  readonly signal: AbortSignal;
  /** True when it fired because the time ran out (not the caller's signal). */
  readonly timedOut: boolean;
  done(): void;
}

export function deadlineSignal(
  timeoutMs: number,
  userSignal: AbortSignal | undefined,
  what = 'the call',
): Deadline {
  let controller: AbortController | undefined;
  let aborted = false;
  let timedOut = false;
  let reason: unknown;
  const listeners = new Set<() => void>();
  const abort = (why: unknown) => {
    if (aborted) return;
    aborted = true;
    reason = why;
    controller?.abort(why);
    for (const listener of [...listeners]) listener();
    listeners.clear();
  };
  const onUserAbort = () => abort(userSignal?.reason);
  const timer = setTimeout(() => {
    timedOut = true;
    abort(new DOMException(`${what} timed out after ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  if (userSignal?.aborted) onUserAbort();
  else userSignal?.addEventListener('abort', onUserAbort, { once: true });
  return {
    get aborted() {
      return aborted;
    },
    get reason() {
      return reason;
    },
    get timedOut() {
      return timedOut;
    },
    get signal() {
      if (!controller) {
        controller = new AbortController();
        if (aborted) controller.abort(reason);
      }
      return controller.signal;
    },
    watch(listener) {
      if (aborted) return () => {};
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    done() {
      clearTimeout(timer);
      userSignal?.removeEventListener('abort', onUserAbort);
      listeners.clear();
    },
  };
}
