// Fake credentials and ids: everything goes to the canned server on loopback.
export const TENCENT = {
  credentials: {
    secretId: 'AKIDbenchbenchbenchbenchbenchbench',
    secretKey: 'bench-secret-key-bench-secret-key',
  },
  region: 'ap-guangzhou',
  instanceId: 'ins-r8hr2upy',
  instanceType: 'S5.MEDIUM4',
};
export const JDCLOUD = {
  credentials: { accessKey: 'JDC_BENCHBENCHBENCHBENCHBENCH', secretKey: 'bench-secret-key-bench-secret-key' },
  region: 'cn-north-1',
  instanceId: 'i-6za0ovr24v',
  instanceType: 'g.n2.medium',
};
export const ZENLAYER = {
  credentials: { accessKeyId: 'bench-access-key-id', accessKeyPassword: 'bench-access-key-password' },
  instanceId: '1660545330971680835',
  instanceType: 'z2a.cpu.4',
};
