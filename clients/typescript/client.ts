import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema.js';

/**
 * The typed Skyrocket client: openapi-fetch over the types generated from openapi/openapi.json
 * (schema.d.ts). Every path, parameter, body and response is checked by tsc against the
 * document, so a change of the contract breaks `npm run check` here first.
 */
export type SkyrocketClient = Client<paths>;
export type Schemas = components['schemas'];

/**
 * The JSON body of an operation, by path and method: request schemas are named by the server's
 * generator (`…Input` or not), the operation is the contract.
 */
export type JsonRequestBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

export function createSkyrocketClient(baseUrl: string, accessToken?: string): SkyrocketClient {
  return createClient<paths>({ baseUrl, headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {} });
}

/**
 * openapi-fetch serialises every body as JSON unless told otherwise, whatever the operation's
 * media type: a `multipart/form-data` operation needs this as its `bodySerializer`. It returns
 * FormData, so openapi-fetch leaves Content-Type to fetch, which adds the boundary. A Blob keeps
 * its own type as the part's Content-Type; a File also its name (else the part is named `blob`).
 */
export function formDataBody(body: Record<string, Blob | string | undefined>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) {
    if (value !== undefined) form.append(name, value);
  }
  return form;
}

/** A response other than the one the step expects: fails the program with what the server said. */
export class UnexpectedResponse extends Error {
  constructor(
    readonly step: string,
    readonly expected: number,
    readonly status: number,
    readonly problem: unknown,
  ) {
    super(`${step}: expected HTTP ${expected}, got ${status}${problem === undefined ? '' : ` ${JSON.stringify(problem)}`}`);
    this.name = 'UnexpectedResponse';
  }
}

/** The body of an openapi-fetch result if the status is `expected`; throws otherwise. */
export function expectStatus<T>(step: string, expected: number, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.status !== expected) throw new UnexpectedResponse(step, expected, result.response.status, result.error);
  if (expected !== 204 && result.data === undefined) throw new UnexpectedResponse(step, expected, result.response.status, 'no body');
  return result.data as T;
}
