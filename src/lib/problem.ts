import { z } from 'zod';

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
    code: z.string().describe('Stable machine-readable error code'),
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

export function problemType(code: string): string {
  return `https://skyrocket.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}

/** An error response as routes declare it: problem+json with a description of when it happens. */
export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** The 429 of a route that emails someone: the rate limit, or the recipient's hourly cap (src/modules/mail/mail.templates.ts). */
export const emailCappedResponse = problemResponse(
  'Rate limit exceeded (`RATE_LIMITED`), or this address has received as many of these emails as it may in an hour (`RECIPIENT_EMAIL_LIMIT`); see `Retry-After`',
);
