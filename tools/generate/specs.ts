/** Which specs each client package is generated from. `name` becomes the file and export prefix. */
export const PACKAGE_SPECS: Record<
  string,
  ReadonlyArray<{ name: string; file: string; inputFrom?: string }>
> = {
  'tencent-cvm': [
    { name: 'api3', file: 'specs/tencent-cvm/api3.yaml' },
    // The legacy gateway takes the same input as API 3.0 (the client flattens it), so its validation rules
    // come from api3's request bodies.
    { name: 'legacy', file: 'specs/tencent-cvm/legacy.yaml', inputFrom: 'api3' },
  ],
  'zenlayer-zec': [{ name: 'zec', file: 'specs/zenlayer-zec/zec.yaml' }],
  'jdcloud-vm': [
    { name: 'vm', file: 'specs/jdcloud-vm/vm.yaml' },
    { name: 'billing', file: 'specs/jdcloud-vm/billing.yaml' },
  ],
};
