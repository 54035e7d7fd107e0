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
