/**
 * A signal that aborts after `timeoutMs` or when the caller's signal does — one attempt's, or a whole wait's.
 * A controller and a timer held here, instead of AbortSignal.timeout + AbortSignal.any: on Node 20 those two
 * cost more per call than the signing, and `any` links to its sources only weakly. `done()` clears the timer
 * and the listener on the caller's (possibly long-lived) signal.
 */
export function deadlineSignal(timeoutMs: number, userSignal: AbortSignal | undefined, what = 'the call') {
  const controller = new AbortController();
  const state = { signal: controller.signal, timedOut: false, done };
  const onAbort = () => controller.abort(userSignal?.reason);
  const timer = setTimeout(() => {
    state.timedOut = true;
    controller.abort(new DOMException(`${what} timed out after ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  if (userSignal?.aborted) onAbort();
  else userSignal?.addEventListener('abort', onAbort, { once: true });
  function done() {
    clearTimeout(timer);
    userSignal?.removeEventListener('abort', onAbort);
  }
  return state;
}
