import { randomBytes } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { emailOutbox, users } from '../../src/db/schema/index.js';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  auth: { authorization: string };
}

let counter = 0;
export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${process.pid}-${++counter}-${randomBytes(3).toString('hex')}@example.org`;
}

/**
 * Registers, confirms the address with the emailed link and logs in through the API, as a real
 * client would. `verified: false` stops before the confirmation (for the verified-email rule).
 */
export async function createUser(
  app: FastifyInstance,
  { verified = true, ...overrides }: Partial<{ email: string; password: string; displayName: string; country: string; birthDate: string; locale: string; verified: boolean }> = {},
): Promise<TestUser> {
  const email = overrides.email ?? uniqueEmail();
  const password = overrides.password ?? `Correct-Horse-${randomBytes(6).toString('hex')}`;
  const register = await app.inject({
    method: 'POST',
    url: '/v1/auth/register',
    payload: { displayName: 'Test User', country: 'IT', ...overrides, email, password },
  });
  if (register.statusCode !== 202) throw new Error(`register failed: ${register.statusCode} ${register.body}`);
  if (verified) {
    const token = await emailToken(app, email.toLowerCase(), 'verify_email');
    const verify = await app.inject({ method: 'POST', url: '/v1/auth/verify-email', payload: { token } });
    if (verify.statusCode !== 204) throw new Error(`verify-email failed: ${verify.statusCode} ${verify.body}`);
  }
  return login(app, email, password);
}

export async function login(app: FastifyInstance, email: string, password: string): Promise<TestUser> {
  const res = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const body = res.json();
  const me = await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${body.accessToken}` } });
  return {
    id: me.json().id,
    email,
    password,
    accessToken: body.accessToken,
    refreshToken: body.refreshToken,
    auth: { authorization: `Bearer ${body.accessToken}` },
  };
}

export async function createOrganisation(
  app: FastifyInstance,
  owner: TestUser,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; name: string }> {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/organisations',
    headers: owner.auth,
    payload: { name: `Org ${randomBytes(3).toString('hex')}`, kind: 'ngo', country: 'IT', ...overrides },
  });
  if (res.statusCode !== 201) throw new Error(`create organisation failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** The token carried by the newest outbox email of a template to an address. */
export async function emailToken(app: FastifyInstance, to: string, template: string): Promise<string | undefined> {
  const [row] = await app.database.db
    .select({ data: emailOutbox.data })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.toEmail, to), eq(emailOutbox.template, template)))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(1);
  return row?.data.token as string | undefined;
}

/**
 * The emails of a template to an address once there are at least `count` (or after `timeoutMs`):
 * for work the API does after its answer (password-reset requests), which tests cannot await.
 */
export async function waitForEmails(app: FastifyInstance, to: string, template: string, count = 1, timeoutMs = 5000): Promise<Array<{ token?: string }>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await app.database.db
      .select({ data: emailOutbox.data })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.toEmail, to), eq(emailOutbox.template, template)))
      .orderBy(desc(emailOutbox.createdAt));
    if (rows.length >= count || Date.now() > deadline) return rows.map((r) => ({ token: r.data.token as string | undefined }));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Invites `invitee` into `org` with `role` and accepts it through the API. */
export async function addMember(app: FastifyInstance, org: { id: string }, inviter: TestUser, invitee: TestUser, role: 'owner' | 'manager' | 'member') {
  const invite = await app.inject({
    method: 'POST',
    url: `/v1/organisations/${org.id}/invitations`,
    headers: inviter.auth,
    payload: { email: invitee.email, role },
  });
  if (invite.statusCode !== 201) throw new Error(`invite failed: ${invite.statusCode} ${invite.body}`);
  const token = await emailToken(app, invitee.email, 'organisation_invitation');
  const accept = await app.inject({ method: 'POST', url: '/v1/invitations/accept', headers: invitee.auth, payload: { token } });
  if (accept.statusCode !== 200) throw new Error(`accept failed: ${accept.statusCode} ${accept.body}`);
}

/**
 * Users inserted directly, each with a signed access token: registering dozens through the API
 * (scrypt, outbox email) would take most of a test's time. Born 2000-01-01 in Italy unless told;
 * their addresses count as confirmed (`email_verified_at` set), as `createUser`'s do.
 */
export async function insertApplicants(app: FastifyInstance, count: number, overrides: { country?: string; birthDate?: string | null } = {}): Promise<TestUser[]> {
  const rows = await app.database.db
    .insert(users)
    .values(
      Array.from({ length: count }, (_, i) => ({
        email: `bulk-${process.pid}-${randomBytes(4).toString('hex')}-${i}@example.org`,
        passwordHash: 'unusable',
        displayName: `Applicant ${i}`,
        country: overrides.country ?? 'IT',
        birthDate: overrides.birthDate === undefined ? '2000-01-01' : overrides.birthDate,
        emailVerifiedAt: sql`now()`,
      })),
    )
    .returning({ id: users.id, email: users.email });
  return rows.map((r) => {
    const accessToken = app.signAccessToken({ sub: r.id });
    return { id: r.id, email: r.email, password: '', accessToken, refreshToken: '', auth: { authorization: `Bearer ${accessToken}` } };
  });
}
