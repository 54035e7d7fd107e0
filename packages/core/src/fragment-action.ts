import type { Middleware } from 'openapi-fetch';

/**
 * Tencent and Zenlayer serve many actions on one URL. The specs give each action its own path key —
 * the real path plus `#Action` — so every action is a typed operation (see docs/spec-conventions.md).
 * openapi-fetch puts the path key into the URL as is, and appends `?query` *after* the fragment, where
 * fetch would drop it. This middleware removes the fragment, moves such a query back into the real query
 * string and sets the action parameter if the caller has not. Register it before the signer, so the
 * signer sees the final URL.
 */
export function fragmentActionMiddleware(actionParam: { name: string; in: 'header' | 'query' }): Middleware {
  return {
    onRequest({ request, schemaPath }) {
      const hashAt = schemaPath.indexOf('#');
      if (hashAt < 0) return undefined;
      const action = schemaPath.slice(hashAt + 1);
      const url = new URL(request.url);
      const fragment = url.hash.slice(1);
      const queryInFragment = fragment.includes('?') ? fragment.slice(fragment.indexOf('?') + 1) : '';
      url.hash = '';
      if (queryInFragment)
        url.search = url.search ? `${url.search}&${queryInFragment}` : `?${queryInFragment}`;
      if (actionParam.in === 'query' && !url.searchParams.has(actionParam.name)) {
        url.search = url.search
          ? `${url.search}&${actionParam.name}=${action}`
          : `?${actionParam.name}=${action}`;
      }
      if (actionParam.in === 'header' && !request.headers.has(actionParam.name)) {
        request.headers.set(actionParam.name, action);
      }
      return url.href === request.url ? undefined : new Request(url.href, request);
    },
  };
}
