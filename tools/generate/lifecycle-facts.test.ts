// The lifecycle facts the generator restates for the facade, from the committed specs and from small documents.
import { describe, expect, it } from 'vitest';
import { vmOperationFacts } from '../../packages/jdcloud-vm/src/generated/operations.js';
import { api3OperationFacts } from '../../packages/tencent-cvm/src/generated/operations.js';
import { lifecycleFactsOf } from './lifecycle-facts.js';

describe('lifecycleFactsOf', () => {
  it('keeps the transitions that need no request value, with the document busy code and neutral state', () => {
    const root = { lifecycle: { errors: { busy: 'BUSY' }, neutral: { UP: 'running' } } };
    const meta = {
      lifecycle: {
        instance: 'ids',
        neutral: 'resizing',
        refused: 'NO',
        transitions: [
          { from: ['DOWN'], during: ['X'], end: 'DOWN' },
          { from: ['UP'], when: { force: true }, during: ['X'], end: 'UP' },
        ],
      },
    };
    expect(lifecycleFactsOf(meta, root)).toEqual({
      lifecycle: {
        instance: 'ids',
        neutral: 'resizing',
        busy: 'BUSY',
        transitions: [{ from: ['DOWN'], end: 'DOWN' }],
      },
    });
    expect(
      lifecycleFactsOf({ describes: { ids: 'ids', list: 'r.list', fields: { S: 'state' } } }, root),
    ).toEqual({
      describes: { ids: 'ids', list: 'r.list', fields: { S: 'state' }, neutral: { UP: 'running' } },
    });
    expect(lifecycleFactsOf({ kind: 'read' }, root)).toEqual({});
  });

  it('the generated tables carry them: Tencent resizes a running instance only with ForceStop, JD stops with chargeOnStopped', () => {
    expect(api3OperationFacts.ResetInstancesType.lifecycle.transitions).toEqual([
      { from: ['STOPPED'], end: 'STOPPED' },
    ]);
    expect(api3OperationFacts.ResetInstancesType.lifecycle.busy).toBe(
      'OperationDenied.InstanceOperationInProgress',
    );
    expect(api3OperationFacts.DescribeInstances.describes.neutral.RUNNING).toBe('running');
    expect(vmOperationFacts.stopInstance.options).toEqual({
      stoppedMode: {
        field: 'chargeOnStopped',
        values: { keepCharging: 'keepCharging', stopCharging: 'stopCharging' },
      },
    });
  });
});
