import { Agent, fetch as undiciFetch } from 'undici';

/**
 * A `fetch` for instancekit's `fetch` option backed by undici 7's own fetch and a pooled Agent.
 * undici 7's fetch does not accept the Request objects of Node 20's built-in fetch (another undici copy),
 * so the request is passed as url + init.
 */
export function undiciFetchWith(agent = new Agent({ connections: 16, keepAliveTimeout: 30_000 })) {
  return async (request) =>
    undiciFetch(request.url, {
      method: request.method,
      headers: [...request.headers],
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer(),
      signal: request.signal,
      dispatcher: agent,
    });
}

export { Agent, undiciFetch };
