import type { ProviderState } from './http-server';

/**
 * `/__instancekit/` on every server: the current state, the mutation log, and a reset to the fixture. Test code
 * asserts on them ("sent exactly once", "never more than N per second"); they are not part of any provider's API.
 */
export function handleControl(
  method: string,
  path: string,
  state: ProviderState,
): { status: number; body: unknown } {
  if (method === 'GET' && path === '/__instancekit/instances')
    return { status: 200, body: { instances: state.fleet?.list() ?? [] } };
  if (method === 'GET' && path === '/__instancekit/log')
    return { status: 200, body: { entries: state.log.all() } };
  if (method === 'POST' && path === '/__instancekit/reset') {
    state.fleet?.reset();
    state.log.clear();
    for (const chaos of state.chaos) chaos.reset();
    return { status: 200, body: { reset: true } };
  }
  return {
    status: 404,
    body: {
      message: `unknown control endpoint ${method} ${path}; known: GET instances, GET log, POST reset`,
    },
  };
}
