/**
 * JD Cloud's `filters` query parameter, serialized like the official SDK's buildFilterParam
 * (jdcloud-sdk-js src/lib/service.js): 1-based `filters.N.name`, `filters.N.values.M` and, when
 * given, `filters.N.operator` (the server defaults it to `eq`).
 */

export interface JdFilter {
  name: string;
  values: readonly string[];
  operator?: string;
}

export function flattenFilters(filters: readonly JdFilter[]): Record<string, string> {
  const params: Record<string, string> = {};
  filters.forEach((filter, i) => {
    const prefix = `filters.${i + 1}`;
    params[`${prefix}.name`] = filter.name;
    filter.values.forEach((value, j) => {
      params[`${prefix}.values.${j + 1}`] = value;
    });
    if (filter.operator) params[`${prefix}.operator`] = filter.operator;
  });
  return params;
}
