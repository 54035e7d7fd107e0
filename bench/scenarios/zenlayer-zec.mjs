import { createZenlayerZecClient } from '@instancekit/zenlayer-zec';
import { ZENLAYER } from './_fixtures.mjs';

export function create({ endpoint, fetch }) {
  const client = createZenlayerZecClient({
    credentials: ZENLAYER.credentials,
    endpoint,
    ...(fetch ? { fetch } : {}),
  });
  return () =>
    client.ModifyInstanceType({ instanceId: ZENLAYER.instanceId, instanceType: ZENLAYER.instanceType });
}
