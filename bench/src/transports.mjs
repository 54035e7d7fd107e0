import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { requestBody } from '@instancekit/core';
import { Agent, fetch as undiciFetch, request as undiciRequest } from 'undici';

const newAgent = () => new Agent({ connections: 16, keepAliveTimeout: 30_000 });

/**
 * A `fetch` for instancekit's `fetch` option backed by undici 7's own fetch and a pooled Agent.
 * undici 7's fetch does not accept the Request objects of Node 20's built-in fetch (another undici copy),
 * so the request is passed as url + init.
 */
export function undiciFetchWith(agent = newAgent()) {
  return async (request) =>
    undiciFetch(request.url, {
      method: request.method,
      headers: [...request.headers],
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer(),
      signal: request.signal,
      dispatcher: agent,
    });
}

/**
 * A `fetch` built on undici 7's `request()` (no WHATWG streams on the way out or in) and a pooled Agent.
 * `requestBody` from @instancekit/core returns the body string the client serialized, so the request's
 * stream is never read.
 */
export function undiciRequestFetchWith(agent = newAgent()) {
  return async (request) => {
    const { statusCode, headers, body } = await undiciRequest(request.url, {
      method: request.method,
      headers: Object.fromEntries(request.headers),
      body: request.body === null ? undefined : await requestBody(request),
      signal: request.signal,
      dispatcher: agent,
    });
    const flat = {};
    for (const [name, value] of Object.entries(headers))
      flat[name] = Array.isArray(value) ? value.join(', ') : value;
    return new Response(await body.text(), { status: statusCode, headers: flat });
  };
}

/** The raw baselines' `fetch(url, init)` over undici's `request()`: just what they read (status and text). */
export function undiciRequestRawWith(agent = newAgent()) {
  return async (url, init) => {
    const { statusCode, body } = await undiciRequest(url, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      dispatcher: agent,
    });
    const text = await body.text();
    return { status: statusCode, ok: statusCode < 300, text: async () => text };
  };
}

export { Agent, undiciFetch };

/**
 * The raw baselines' `fetch(url, init)` over `node:http` with a keep-alive agent: what our clients' default
 * transport on Node is (core's node-transport.ts), so "time over raw" on it is our signing and envelope alone.
 */
export function nodeHttpRawWith(agent = new HttpAgent({ keepAlive: true })) {
  return (url, init) =>
    new Promise((resolve, reject) => {
      const body = init.body ?? undefined;
      const headers = { ...init.headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) };
      const request = httpRequest(url, { method: init.method, headers, agent }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode, ok: response.statusCode < 300, text: async () => text });
        });
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(body);
    });
}
