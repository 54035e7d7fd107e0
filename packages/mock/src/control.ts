import type { ProviderState } from './http-server';

/**
 * `/__instancekit/` on every server: the current state, the mutation log, a reset to the fixture, and
 * `POST busy?instanceId=…&times=N`: the next N mutations of that instance are answered as busy, not executed, and
 * `POST stock?instanceType=…&soldOut=true|false`: the type is sold out (or on sale) from now on. Test code
 * asserts on them ("sent exactly once", "never more than N per second"); they are not part of any provider's API.
 */
export function handleControl(
  method: string,
  path: string,
  state: ProviderState,
  query: URLSearchParams = new URLSearchParams(),
): { status: number; body: unknown } {
  if (method === 'GET' && path === '/__instancekit/instances')
    return { status: 200, body: { instances: state.fleet?.list() ?? [] } };
  if (method === 'GET' && path === '/__instancekit/log')
    return { status: 200, body: { entries: state.log.all() } };
  if (method === 'POST' && path === '/__instancekit/busy') {
    const instanceId = query.get('instanceId') ?? '';
    const times = Number(query.get('times') ?? '1');
    if (!Number.isInteger(times) || times < 0)
      return { status: 400, body: { message: 'times must be a whole number ≥ 0' } };
    if (!state.fleet?.holdBusy(instanceId, times))
      return { status: 404, body: { message: `no instance ${instanceId} in the stateful fleet` } };
    return { status: 200, body: { instanceId, busy: times } };
  }
  if (method === 'POST' && path === '/__instancekit/stock') {
    const instanceType = query.get('instanceType') ?? '';
    const soldOut = query.get('soldOut');
    if (instanceType === '' || (soldOut !== 'true' && soldOut !== 'false'))
      return { status: 400, body: { message: 'stock needs instanceType and soldOut=true or soldOut=false' } };
    if (!state.fleet) return { status: 404, body: { message: 'the mock is not stateful' } };
    state.fleet.setStock(instanceType, soldOut === 'true');
    return { status: 200, body: { instanceType, soldOut: soldOut === 'true' } };
  }
  if (method === 'POST' && path === '/__instancekit/reset') {
    state.fleet?.reset();
    state.log.clear();
    for (const chaos of state.chaos) chaos.reset();
    return { status: 200, body: { reset: true } };
  }
  return {
    status: 404,
    body: {
      message: `unknown control endpoint ${method} ${path}; known: GET instances, GET log, POST busy, POST stock, POST reset`,
    },
  };
}
