/**
 * Every `code` a problem+json answer of this API can carry: its HTTP status(es), what it means and
 * what a client should do. `AppError` takes only these keys (an uncatalogued code fails `tsc`), the
 * OpenAPI document renders them (`Problem.code` enum, per-response `x-error-codes`), and
 * `npm run openapi` writes docs/errors.md from them. Codes are stable: rename one and clients break.
 */
export interface ErrorCodeEntry {
  /** The statuses it is sent with (most codes have one). */
  readonly statuses: readonly number[];
  /** One line: what happened. */
  readonly meaning: string;
  /** What a client should do about it. */
  readonly action: string;
  /** True when the answer carries `Retry-After` (seconds). */
  readonly retryAfter?: boolean;
}

const FIX_REQUEST = 'Fix the request; retrying it unchanged gets the same answer.';

export const ERROR_CODES = {
  // Input and HTTP framing (answered before or instead of the route).
  BAD_REQUEST: { statuses: [400], meaning: 'The request is not valid HTTP (e.g. a malformed Content-Length).', action: FIX_REQUEST },
  BAD_URL: { statuses: [400], meaning: 'The request URL is not validly percent-encoded.', action: 'Encode path and query with encodeURIComponent.' },
  MALFORMED_JSON: { statuses: [400], meaning: 'The body is not JSON, or empty where JSON was announced.', action: FIX_REQUEST },
  JSON_TOO_DEEP: { statuses: [400], meaning: 'The JSON body nests deeper than 32 levels.', action: 'Flatten the document; no accepted body nests that deep.' },
  MALFORMED_MULTIPART: {
    statuses: [400],
    meaning: 'The body is not valid multipart/form-data: no boundary, a repeated or non-RFC 2046 one, or a form the parser cannot finish.',
    action: 'Let FormData and fetch build the body and its Content-Type (with the boundary); do not set Content-Type yourself.',
  },
  MULTIPART_LIMIT: { statuses: [400], meaning: 'The form has more than 10 parts, or a part has more than 16 KiB of headers.', action: 'Send one part, `file`.' },
  URI_TOO_LONG: { statuses: [414], meaning: 'A path parameter is longer than the router accepts.', action: 'Use the identifiers the API returned; they are short.' },
  BODY_TOO_LARGE: { statuses: [413], meaning: 'The body is larger than the limit (JSON: BODY_LIMIT_BYTES; uploads: UPLOAD_LIMIT_BYTES).', action: 'Send less; for files, a smaller file.' },
  UNSUPPORTED_MEDIA_TYPE: {
    statuses: [415],
    meaning: 'The Content-Type is not one the operation accepts (JSON operations: application/json; uploads: the listed file types).',
    action: 'Send the body with a Content-Type the operation lists in the document.',
  },
  HEADERS_TOO_LARGE: { statuses: [431], meaning: 'The request headers are larger than the server accepts.', action: 'Send fewer or shorter headers (cookies, tokens).' },
  REQUEST_TIMEOUT: { statuses: [408], meaning: 'The request did not arrive completely within REQUEST_TIMEOUT_MS; the connection is closed.', action: 'Retry on a new connection; send the body without pauses.' },
  VALIDATION_FAILED: {
    statuses: [422],
    meaning: 'One or more fields are invalid; `errors[]` names every one (`field`, `in`, `code`, `message`).',
    action: 'Show each `errors[].message` next to its `field`; fix them all and retry.',
  },
  ROUTE_NOT_FOUND: { statuses: [404], meaning: 'No operation has this path.', action: 'Check the path against the document; it is a client bug.' },
  METHOD_NOT_ALLOWED: { statuses: [405], meaning: 'The path exists but not with this method; `Allow` lists the methods it has.', action: 'Use a method from `Allow`.' },

  // Authentication.
  UNAUTHENTICATED: { statuses: [401], meaning: 'No bearer access token was sent.', action: 'Log in (`login`) and send `Authorization: Bearer <accessToken>`.' },
  METRICS_TOKEN_REQUIRED: {
    statuses: [401],
    meaning: '`/metrics` needs the operator\'s metrics token, and none or a wrong one was sent.',
    action: 'Scrape with `Authorization: Bearer <METRICS_TOKEN>` (docs/operations.md).',
  },
  TOKEN_EXPIRED: { statuses: [401], meaning: 'The access token has expired.', action: 'Get a new pair with `refreshTokens`, then retry the request once.' },
  TOKEN_INVALID: {
    statuses: [400, 401],
    meaning: '401: the access token is malformed, forged or its account is gone. 400: an emailed link token (password reset, email verification) is invalid, used or expired.',
    action: '401: log in again. 400: ask for a new email (`requestPasswordReset`, `resendVerificationEmail`).',
  },
  INVALID_CREDENTIALS: { statuses: [401], meaning: 'Email or password is incorrect (the same answer whether or not the account exists).', action: 'Let the user retype; repeated failures are throttled (LOGIN_THROTTLED).' },
  REFRESH_TOKEN_INVALID: { statuses: [401], meaning: 'The refresh token is unknown.', action: 'Log in again.' },
  REFRESH_TOKEN_EXPIRED: { statuses: [401], meaning: 'The refresh token has expired.', action: 'Log in again.' },
  REFRESH_TOKEN_REVOKED: { statuses: [401], meaning: 'The refresh token was revoked (logout, password change).', action: 'Log in again.' },
  REFRESH_TOKEN_REUSED: {
    statuses: [401],
    meaning: 'The refresh token was already used once; every session of its login is now revoked (a copy may be in other hands).',
    action: 'Log in again; never reuse a refresh token, store the new one from each refresh.',
  },
  LOGIN_THROTTLED: { statuses: [429], meaning: 'Too many failed logins for this account from this address; the wait doubles after each failure.', action: 'Wait `Retry-After` seconds before the next try.', retryAfter: true },
  AUTH_BUSY: { statuses: [503], meaning: 'Too many password checks are waiting on this instance.', action: 'Retry after `Retry-After` seconds (1).', retryAfter: true },

  // Authorization and existence.
  FORBIDDEN: { statuses: [403], meaning: 'Your role does not allow this operation (e.g. a member where an owner or manager is needed).', action: 'Do not retry; ask an owner of the organisation.' },
  EMAIL_NOT_VERIFIED: {
    statuses: [403],
    meaning: 'Organising (creating organisations, inviting, publishing) needs a confirmed email address.',
    action: 'Confirm the address with the emailed link; `resendVerificationEmail` sends it again.',
  },
  APPLICANT_ONLY: { statuses: [403], meaning: 'Only the applicant of the proposal may do this; team members may read and edit.', action: 'Ask the applicant.' },
  NOT_FOUND: {
    statuses: [404],
    meaning: 'No such resource, or you may not know it exists (drafts and other organisations’ data look the same as missing).',
    action: 'Check the id and that you are logged in as the right user.',
  },
  USER_NOT_FOUND: { statuses: [404], meaning: 'No applicant of this competition has this user id (the same answer whether or not the account exists).', action: 'Pick the user from the competition’s proposals.' },
  INVITATION_NOT_FOUND: { statuses: [404], meaning: 'The invitation token is unknown, used, revoked or expired.', action: 'Ask for a new invitation.' },
  INVITATION_EMAIL_MISMATCH: { statuses: [403], meaning: 'The invitation was sent to another email address than the logged-in account’s.', action: 'Log in with the invited address.' },
  CONSENT_NOT_FOUND: { statuses: [404], meaning: 'The guardian-consent token is unknown or expired.', action: 'Ask the applicant to request consent again.' },

  // Concurrency and preconditions.
  PRECONDITION_FAILED: {
    statuses: [412],
    meaning: '`If-Match` names an older version (or a weak tag); `currentVersion` and the `ETag` header give the current one.',
    action: 'Read the resource again, reapply the change, and send the new ETag.',
  },
  CONFLICT: { statuses: [409], meaning: 'The change conflicts with existing data (a concurrent writer created the same thing).', action: 'Read the current state before deciding whether to retry.' },
  CONCURRENT_UPDATE: { statuses: [409], meaning: 'A concurrent change interfered (deadlock, serialization failure, lock wait).', action: 'Retry after `Retry-After` seconds; nothing was written.', retryAfter: true },
  IDEMPOTENCY_IN_PROGRESS: { statuses: [409], meaning: 'A request with the same `Idempotency-Key` is still running.', action: 'Retry with the same key after `Retry-After` seconds.', retryAfter: true },
  IDEMPOTENCY_KEY_REUSED: { statuses: [422], meaning: 'This `Idempotency-Key` was already used with a different request.', action: 'Use a new key for a new request.' },

  // Limits and availability.
  RATE_LIMITED: { statuses: [429], meaning: 'Too many requests from this caller (per account when logged in, else per address; credential routes also per account).', action: 'Wait `Retry-After` seconds.', retryAfter: true },
  RECIPIENT_EMAIL_LIMIT: { statuses: [429], meaning: 'This address has received as many emails of this kind as it may in an hour; nothing was created.', action: 'Wait `Retry-After` seconds, or use another address.', retryAfter: true },
  INTERNAL: { statuses: [500], meaning: 'An unexpected failure; no internals are disclosed.', action: 'Retry later; report the `requestId` if it persists.' },
  SERVICE_UNAVAILABLE: { statuses: [503], meaning: 'The server is overloaded (event loop or database pool saturated).', action: 'Retry after `Retry-After` seconds, with backoff.', retryAfter: true },
  SHUTTING_DOWN: { statuses: [503], meaning: 'This instance is shutting down.', action: 'Retry after `Retry-After` seconds (another instance may answer at once).', retryAfter: true },
  DATABASE_UNAVAILABLE: { statuses: [503], meaning: 'The database is not reachable.', action: 'Retry after `Retry-After` seconds.', retryAfter: true },
  DATABASE_TIMEOUT: { statuses: [503], meaning: 'The database was too slow (no free connection, or a statement over its time limit).', action: 'Retry after `Retry-After` seconds.', retryAfter: true },

  // Organisations.
  LAST_OWNER: { statuses: [409], meaning: 'The change would leave the organisation without an owner.', action: 'Make someone else owner first.' },

  // Competitions.
  INVALID_TRANSITION: { statuses: [409], meaning: 'The competition is not in a status this transition starts from (`from` lists them), or it changed concurrently.', action: 'Read the competition and act on its current status.' },
  COMPETITION_INCOMPLETE: { statuses: [422], meaning: 'The draft is not ready to publish; `errors[]` lists every missing or inconsistent part.', action: 'Complete the listed fields with `updateCompetition`, then publish again.' },
  COMPETITION_NOT_CLOSED: { statuses: [409], meaning: 'Judging can start only once the competition has closed, grace included.', action: 'Wait until `effectiveClosesAt` has passed.' },
  EXTENSIONS_RUNNING: { statuses: [409], meaning: 'Individual deadline extensions are still running.', action: 'Wait for them to end, or revoke them.' },
  COMPETITION_NOT_PUBLISHED: { statuses: [409], meaning: 'The operation needs a published competition (not a draft, nor in judging or later).', action: 'Check the competition’s `status`.' },
  CLOSES_AT_NOT_EXTENDABLE: { statuses: [409], meaning: 'Once open, `closesAt` can only move later.', action: 'Send a later instant.' },
  GRACE_PERIOD_NOT_REDUCIBLE: { statuses: [409], meaning: 'Once open, `gracePeriodSeconds` can only grow.', action: 'Send a value at least the current one.' },
  FIELD_LOCKED: { statuses: [409], meaning: 'These fields (`fields`) cannot change in the competition’s current status.', action: 'Leave them out of the change.' },
  RULES_FROZEN: { statuses: [409], meaning: 'Eligibility, form and rubric are frozen since the first proposal was submitted (`rulesFrozenAt`).', action: 'Leave them out of the change.' },
  COMPETITION_ARCHIVED: { statuses: [409], meaning: 'An archived competition cannot change.', action: 'Do not retry.' },

  // Proposals.
  COMPETITION_CLOSED: {
    statuses: [409],
    meaning: 'The deadline (closesAt, plus grace and any individual extension) has passed by the database clock; `closesAt` and `effectiveClosesAt` say when.',
    action: 'Do not retry; the competition accepts no more changes to proposals.',
  },
  COMPETITION_NOT_OPEN: { statuses: [409], meaning: 'Submissions have not opened yet (`opensAt`); drafts can be prepared.', action: 'Submit after `opensAt`.' },
  PROPOSAL_WITHDRAWN: { statuses: [409], meaning: 'The proposal was withdrawn; it can no longer be changed or submitted.', action: 'Start a new proposal.' },
  DRAFT_LIMIT_REACHED: { statuses: [409], meaning: 'You hold the maximum of unsubmitted drafts in this competition (`maxDrafts`).', action: 'Submit or withdraw a draft first.' },
  SUBMISSION_INVALID: { statuses: [422], meaning: 'Eligibility rules or form fields fail; `errors[]` lists every one (rules with `in: "rule"`).', action: 'Fix each listed field or rule, then submit again.' },
  SUBMISSION_CONFLICT: { statuses: [409], meaning: 'The proposal or its competition kept changing while it was being submitted.', action: 'Read the proposal again and retry after `Retry-After` seconds.', retryAfter: true },
  TEAM_FULL: { statuses: [409], meaning: 'The team has the competition’s maximum size (`maxTeamSize`), pending invitations included.', action: 'Cancel a pending invitation or remove a member first.' },
  ALREADY_INVITED: { statuses: [409], meaning: 'This address is already invited to or part of the team.', action: 'Do not retry.' },
  TOO_MANY_ATTACHMENTS: { statuses: [409], meaning: 'The proposal has the maximum number of attachments.', action: 'Remove one first.' },
  ATTACHMENT_INVALID: { statuses: [422], meaning: 'The file is empty, has no name, or its bytes are not of its declared type; `errors[]` says which.', action: 'Send the file with its real Content-Type and a name.' },
  CONSENT_NOT_REQUIRED: { statuses: [409], meaning: 'The competition does not ask for guardian consent.', action: 'Do not retry.' },

  // Judging.
  PRECONDITION_REQUIRED: { statuses: [428], meaning: 'This write needs `If-Match` (the ETag you read): reviews and decisions are edited by several people.', action: 'Read the resource, then send its ETag in `If-Match`.' },
  JUDGE_ALREADY_INVITED: { statuses: [409], meaning: 'This address is already on the competition’s panel (invited, accepted, declined or removed).', action: 'List the panel; a removed judge is not invited again.' },
  JUDGE_NOT_ACCEPTED: { statuses: [409], meaning: 'The judge has not accepted the invitation (or was removed), so cannot be assigned or act.', action: 'Wait for the judge to accept, or pick another judge.' },
  JUDGING_NOT_STARTED: { statuses: [409], meaning: 'The competition is not in judging: assignments, reviews and decisions wait for `start-judging`.', action: 'Start judging once the competition has closed.' },
  JUDGING_CLOSED: { statuses: [409], meaning: 'Judging has ended (its closing instant passed, or results are published): reviews and decisions are frozen.', action: 'Nothing to retry; ask the organisers if something must change.' },
  RESULTS_PUBLISHED: { statuses: [409], meaning: 'Results are published: scores, assignments and decisions are frozen.', action: 'Nothing to retry; published results never change.' },
  PLAN_STALE: { statuses: [409], meaning: 'The panel, conflicts, bids, proposals or assignments changed since this plan was made, so it is not applied.', action: 'Make a new dry run, review it, and apply that one.' },
  PLAN_ALREADY_APPLIED: { statuses: [409], meaning: 'This plan was applied already (perhaps by another organiser).', action: 'List the assignments; make a new dry run if more are needed.' },
  JUDGE_CONFLICTED: { statuses: [409], meaning: 'The judge has a conflict (declared or detected) with the proposal, so cannot be assigned to it.', action: 'Pick another judge, or remove the declared conflict if it was a mistake.' },
  ASSIGNMENT_EXISTS: { statuses: [409], meaning: 'The judge is already assigned to this proposal in this round.', action: 'Nothing to do.' },
  REVIEW_STARTED: { statuses: [409], meaning: 'The assignment has a review in progress or submitted, so it is kept.', action: 'Remove the judge from the panel (with or without keeping reviews) instead.' },
  REVIEWS_MISSING: { statuses: [409], meaning: 'Some assigned reviews are not submitted; `missing` counts them.', action: 'Wait for the judges, or publish with `override: true` and a `reason` (audited).' },
  DECISION_MISSING: { statuses: [409], meaning: 'No winners were decided yet.', action: 'PUT the decision first.' },
  ROUND_NOT_ALLOWED: { statuses: [409], meaning: 'A shortlist round needs the previous round’s ranking; only one shortlist round follows the first.', action: 'Finish the first round before shortlisting.' },
  REVIEW_NOT_SUBMITTED: { statuses: [403], meaning: 'Other judges’ reviews of a proposal are shown only after you submit your own (anti-anchoring).', action: 'Submit your review first.' },
  RESULTS_NOT_PUBLISHED: { statuses: [404], meaning: 'The competition has no published results (yet).', action: 'Try again after the organisers publish them.' },
} as const satisfies Record<string, ErrorCodeEntry>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The codes sent with `status`. */
export type ErrorCodeWithStatus<S extends number> = { [K in ErrorCode]: S extends (typeof ERROR_CODES)[K]['statuses'][number] ? K : never }[ErrorCode];

/** The statuses `code` is sent with. */
export type StatusOf<C extends ErrorCode> = (typeof ERROR_CODES)[C]['statuses'][number];

export const ERROR_CODE_NAMES = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

/** docs/errors.md, as `npm run openapi` writes it. */
export function renderErrorCatalogue(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = Object.entries(ERROR_CODES as Record<ErrorCode, ErrorCodeEntry>)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, e]) => `| \`${code}\` | ${e.statuses.join(', ')} | ${cell(e.meaning)} | ${cell(e.action)}${e.retryAfter ? ' (`Retry-After`)' : ''} |`);
  return [
    '# Error codes',
    '',
    '<!-- Generated from src/lib/error-codes.ts by `npm run openapi`; `npm run openapi:check` fails when it is stale. Edit the catalogue, not this file. -->',
    '',
    'Every error is RFC 9457 `application/problem+json` with a stable `code` (the `Problem.code` enum of',
    '`openapi/openapi.json`), the HTTP `status`, a human `detail` and the `requestId` to quote when reporting it.',
    'Each operation’s problem responses list the codes they can carry in `x-error-codes` and in their description.',
    'Switch on `code`, not on `detail` or `title`; a new code may be added, an existing one never changes meaning.',
    '',
    `${Object.keys(ERROR_CODES).length} codes:`,
    '',
    '| code | status | meaning | what a client should do |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
