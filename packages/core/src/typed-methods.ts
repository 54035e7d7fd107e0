import type { CallOptions } from './operation-client.js';

/** The JSON request body of an openapi-typescript operation, or `{}`-less input when it takes none. */
export type JsonRequestBody<Operation> = Operation extends { requestBody?: infer Body }
  ? NonNullable<Body> extends { content: { 'application/json': infer Json } }
    ? Json
    : Record<string, never>
  : Record<string, never>;

/** The JSON body of an openapi-typescript operation's 200 answer (the provider's whole envelope). */
export type JsonSuccess<Operation> = Operation extends {
  responses: { 200: { content: { 'application/json': infer Json } } };
}
  ? Json
  : never;

/**
 * One typed method per action: its input (optional when no field is required, as in
 * `DescribeInstancesStatus()`) and what it resolves to, from two maps keyed by action.
 */
export type TypedMethods<Inputs, Results extends { [A in keyof Inputs]: unknown }> = {
  [A in keyof Inputs]: {} extends Inputs[A]
    ? (input?: Inputs[A], options?: CallOptions) => Promise<Results[A]>
    : (input: Inputs[A], options?: CallOptions) => Promise<Results[A]>;
};
