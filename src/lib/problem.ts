import { z } from 'zod';

export const FieldErrorSchema = z
  .object({
    field: z.string().describe('Dotted path of the offending field'),
    message: z.string(),
    code: z.string().optional(),
    in: z.enum(['body', 'querystring', 'params', 'headers', 'rule']).optional(),
  })
  .meta({ id: 'FieldError' });

/** RFC 9457 problem details with Skyrocket's stable `code` and the request id. */
export const ProblemSchema = z
  .looseObject({
    type: z.string().describe('URI identifying the problem type'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().describe('Stable machine-readable error code'),
    requestId: z.string(),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json)' });

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
