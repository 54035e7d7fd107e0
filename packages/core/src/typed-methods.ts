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

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type Empty = {};

/** An operation's path parameters, less those the client fills itself (`regionId`). */
type PathInput<Operation, Filled extends string> = Operation extends { parameters: { path: infer P } }
  ? Omit<P, Filled>
  : Empty;

/** An operation's query parameters, less those a family field replaces (`filters.1.name`, …). */
type QueryInput<Operation, Family extends string> = Operation extends { parameters: { query?: infer Q } }
  ? [NonNullable<Q>] extends [never]
    ? Empty
    : { [K in keyof NonNullable<Q> as K extends `${Family}.${string}` ? never : K]?: NonNullable<Q>[K] }
  : Empty;

/** An operation's JSON body fields, or none (not `Record<string, never>`, which would void the other fields). */
type BodyInput<Operation> = Operation extends { requestBody?: infer Body }
  ? [NonNullable<Body>] extends [never]
    ? Empty
    : NonNullable<Body> extends { content: { 'application/json': infer Json } }
      ? Json
      : Empty
  : Empty;

/**
 * The flat input of a REST operation (one URL per operation): its path parameters but the client-filled ones,
 * its query parameters but a family's (`filters.N.*`, which the client writes from one field) and its JSON body
 * fields, e.g. JD's `{ instanceId, instanceType }`.
 */
export type RestInput<Operation, Filled extends string = never, Family extends string = never> = Simplify<
  PathInput<Operation, Filled> & QueryInput<Operation, Family> & BodyInput<Operation>
>;

/** A field of the success envelope's JSON (`Response`, `response`, `result`), without the error branch. */
export type SuccessField<Operation, Field extends string> =
  JsonSuccess<Operation> extends { [K in Field]?: infer R }
    ? Exclude<NonNullable<R>, { Error: unknown }>
    : never;
