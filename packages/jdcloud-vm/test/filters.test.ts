import { describe, expect, it } from 'vitest';
import { canonicalJdQuery } from '../src/signing/jdcloud2';
import { filterQuery as flattenFilters } from '../src/transport';

describe('flattenFilters (1-based, like jdcloud-sdk-js buildFilterParam)', () => {
  it('numbers filters and their values from 1', () => {
    expect(
      flattenFilters([
        { name: 'instanceId', values: ['i-6za0ovr24v', 'i-p3yh27xd3s'] },
        { name: 'status', values: ['running'], operator: 'eq' },
      ]),
    ).toEqual({
      'filters.1.name': 'instanceId',
      'filters.1.values.1': 'i-6za0ovr24v',
      'filters.1.values.2': 'i-p3yh27xd3s',
      'filters.2.name': 'status',
      'filters.2.values.1': 'running',
      'filters.2.operator': 'eq',
    });
  });

  it('omits the operator when not given (the server defaults to eq)', () => {
    expect(Object.keys(flattenFilters([{ name: 'status', values: ['stopped'] }]))).toEqual([
      'filters.1.name',
      'filters.1.values.1',
    ]);
  });

  it('gives nothing for no filters', () => {
    expect(flattenFilters([])).toEqual({});
  });

  it('feeds the canonical query the signer uses', () => {
    expect(
      canonicalJdQuery({ pageSize: '20', ...flattenFilters([{ name: 'status', values: ['stopped'] }]) }),
    ).toBe('filters.1.name=status&filters.1.values.1=stopped&pageSize=20');
  });
});
