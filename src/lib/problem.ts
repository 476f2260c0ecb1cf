import { z } from 'zod';
import type { ResponseHeaders } from './responses.js';
import { ERROR_CODES, ERROR_CODE_NAMES, type ErrorCode, type ErrorCodeEntry } from './error-codes.js';

export const FieldErrorSchema = z
  .object({
    field: z.string().describe('Dotted path of the offending field; array indices as numbers (`rubric.0.weight`)'),
    message: z.string().describe('What is wrong with it, in English, for people'),
    code: z.string().optional().describe('Machine-readable kind of problem (`too_small`, `invalid_format`, `unrecognized_key`, …); may be absent'),
    in: z
      .enum(['body', 'querystring', 'params', 'headers', 'rule'])
      .optional()
      .describe('Where the field is: request part, or `rule` for a cross-field or domain rule'),
  })
  .meta({
    id: 'FieldError',
    description: 'One bad field of a 422; all of them are listed at once',
    examples: [{ field: 'timing.closesAt', message: 'must be after opensAt', in: 'body' }],
  });

/** A 422 of the "Be Social, Be Maker" case (docs/api-contract.md): closing before opening. */
const PROBLEM_EXAMPLE = {
  type: 'https://skyrocket.dev/problems/validation-failed',
  title: 'Unprocessable Content',
  status: 422,
  detail: 'The body has 1 invalid field(s)',
  instance: '/v1/organisations/3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b0c/competitions',
  code: 'VALIDATION_FAILED',
  requestId: '5f0c6a1e-93d2-4b7a-8e41-2c9d7b3a6f10',
  errors: [
    {
      field: 'timing.closesAt',
      message: 'must be after opensAt (2026-08-31T22:00:00.000Z); it resolves to 2026-08-30T22:00:00.000Z',
      code: 'custom',
      in: 'body',
    },
  ],
};

/** RFC 9457 problem details with Skyrocket's stable `code` and the request id. */
export const ProblemSchema = z
  .looseObject({
    type: z.string().describe('URI identifying the problem type'),
    title: z.string().describe('Short summary of the problem type; the HTTP reason phrase'),
    status: z.number().int().describe('The HTTP status code, repeated'),
    detail: z.string().optional().describe('Explanation of this occurrence, for people; do not parse it'),
    instance: z.string().optional().describe('The request path this problem occurred on'),
    code: z.enum(ERROR_CODE_NAMES).describe('Stable machine-readable error code; docs/errors.md says what each means and what to do'),
    requestId: z.string().describe('Id of the request, also in the logs; quote it when reporting a problem'),
    errors: z.array(FieldErrorSchema).optional().describe('Every bad field (422 VALIDATION_FAILED and rule violations)'),
  })
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details (application/problem+json)',
    examples: [PROBLEM_EXAMPLE],
  });

export type Problem = z.infer<typeof ProblemSchema>;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problemTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

export function problemType(code: ErrorCode): string {
  return `https://skyrocket.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}

/** The problem codes of a response: a list (each explained by the catalogue's meaning), or each with what it means for this operation. */
export type ProblemCodes = readonly ErrorCode[] | Partial<Record<ErrorCode, string>>;

interface ProblemParts {
  codes: Partial<Record<ErrorCode, string>>;
  when?: string;
  headers?: ResponseHeaders;
}

/** What each problem response was built from, so the openapi plugin can merge the common codes into a route's own. */
const parts = new WeakMap<object, ProblemParts>();

const RETRY_AFTER_HEADER = {
  'retry-after': { type: 'integer', minimum: 0, description: 'Seconds to wait before retrying (sent with the codes marked so in docs/errors.md)' },
} as const;

function render(p: ProblemParts) {
  const codes = Object.keys(p.codes) as ErrorCode[];
  const lines = codes.map((code) => `- \`${code}\`: ${p.codes[code]}`);
  const response = {
    description: [p.when, lines.join('\n')].filter(Boolean).join('\n\n'),
    headers: { ...p.headers, ...(codes.some((code) => (ERROR_CODES[code] as ErrorCodeEntry).retryAfter) ? RETRY_AFTER_HEADER : {}) },
    content: { 'application/problem+json': { schema: ProblemSchema } },
    // Read by the openapi plugin, which moves it onto the document's response as `x-error-codes`.
    [ERROR_CODES_KEY]: codes,
  };
  parts.set(response, p);
  return response;
}

/** The response-object key that carries the codes a problem response can have (the same name in the document). */
export const ERROR_CODES_KEY = 'x-error-codes';

/**
 * An error response as routes declare it: problem+json whose description lists each code it can
 * carry (with what it means here, or the catalogue's meaning), with `x-error-codes` for tools and
 * `Retry-After` documented when one of them sends it. `when` is an optional first sentence; `headers`, others it sends.
 */
export function problemResponse(codes: ProblemCodes, when?: string, headers?: ResponseHeaders) {
  const map: Partial<Record<ErrorCode, string>> = Array.isArray(codes)
    ? Object.fromEntries((codes as readonly ErrorCode[]).map((code) => [code, ERROR_CODES[code].meaning]))
    : { ...(codes as Partial<Record<ErrorCode, string>>) };
  return render({ codes: map, when, headers });
}

/** The parts a response was built from, when `problemResponse` made it. */
export function problemPartsOf(response: unknown): ProblemParts | undefined {
  return typeof response === 'object' && response !== null ? parts.get(response) : undefined;
}

/**
 * `extra` added to `declared` (a route's own response for that status): the route's wording of a
 * code wins, the route's `when` stays first. A declared response not made by `problemResponse` is kept as is.
 */
export function mergeProblemResponses(declared: unknown, extra: ReturnType<typeof problemResponse>): unknown {
  if (declared === undefined) return extra;
  const own = problemPartsOf(declared);
  const more = problemPartsOf(extra);
  if (!own || !more) return declared;
  const added = Object.fromEntries(Object.entries(more.codes).filter(([code]) => !(code in own.codes)));
  return render({ codes: { ...own.codes, ...added }, when: own.when ?? more.when, headers: { ...more.headers, ...own.headers } });
}

/** The 429 of a route that emails someone: the rate limit, or the recipient's hourly cap (src/modules/mail/mail.templates.ts). */
export const emailCappedResponse = problemResponse(['RATE_LIMITED', 'RECIPIENT_EMAIL_LIMIT']);
