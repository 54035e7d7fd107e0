import { createServer } from 'node:http';

/**
 * A canned API on loopback: each provider's success envelope, nothing else. It reads every request body to
 * the end (so keep-alive connections stay usable) and routes on what each provider sends:
 *   X-TC-Action  -> Tencent API 3.0   {"Response":{"RequestId":…}}
 *   X-ZC-Action  -> Zenlayer          {"requestId":…,"response":{"requestId":…}}
 *   /…:action    -> JD Cloud          {"requestId":…,"result":{}}   (":" literal or %3A-encoded)
 */
export async function startCannedServer() {
  let served = 0;
  const server = createServer((req, res) => {
    req.on('data', () => {});
    req.on('end', () => {
      served += 1;
      const id = `bench-${served}`;
      let body;
      const headers = { 'content-type': 'application/json' };
      if (req.headers['x-tc-action']) {
        body = { Response: { RequestId: id } };
      } else if (req.headers['x-zc-action']) {
        body = { requestId: id, response: { requestId: id } };
      } else if (decodeURIComponent(req.url ?? '').includes(':')) {
        body = { requestId: id, result: {} };
        headers['x-jdcloud-request-id'] = id;
      } else {
        res.writeHead(404, headers).end('{"error":"not canned"}');
        return;
      }
      const text = JSON.stringify(body);
      headers['content-length'] = Buffer.byteLength(text);
      res.writeHead(200, headers).end(text);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    get served() {
      return served;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
