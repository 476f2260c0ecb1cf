import { z } from 'zod';
import * as ex from '../../lib/examples.js';
import { BirthDate, CountryCode, Email, Instant, instantOf, Locale, uuidOf } from '../../lib/schemas.js';

const Password = z.string().min(1).max(1024);
const password = (description: string) => Password.meta({ description, examples: [ex.register.password] });
const NEW_PASSWORD = 'New password: 12 to 256 characters, not a common password, not containing your email’s local part or display name';
const emailToken = (description: string) => z.string().min(1).max(200).meta({ description, examples: [ex.secretToken] });
const DISPLAY_NAME = 'Name shown to other users (team members, organisers); 1 to 120 characters';

export const RegisterBody = z
  .strictObject({
    email: Email.meta({ description: 'Login and contact address; stored in lower case, verified by an emailed link', examples: [ex.register.email] }),
    password: password(NEW_PASSWORD),
    displayName: z.string().trim().min(1).max(120).meta({ description: DISPLAY_NAME, examples: [ex.register.displayName] }),
    country: CountryCode.describe('Country of residence, ISO 3166-1 alpha-2; competitions check it for eligibility'),
    birthDate: BirthDate.optional().describe('Date of birth, YYYY-MM-DD; competitions with age limits need it'),
    locale: Locale.optional().describe('Language of emails, BCP 47; default en'),
  })
  .meta({
    id: 'RegisterRequest',
    description: 'A new account; the answer is the same whether or not the address is taken, and the next step arrives by email',
    examples: [ex.register],
  });

export const AcceptedResponse = z
  .object({
    status: z.literal('accepted').describe('Always `accepted`'),
    message: z.string().describe('What happens next, for people'),
  })
  .meta({
    id: 'Accepted',
    description: 'The request was taken; the outcome arrives by email',
    examples: [{ status: 'accepted', message: 'If the address can be used, a message is on its way to it.' }],
  });

export const LoginBody = z
  .strictObject({
    email: Email.meta({ description: 'The account’s address, any case', examples: [ex.register.email] }),
    password: password('The account’s password'),
  })
  .meta({ id: 'LoginRequest', description: 'Email and password for a token pair', examples: [{ email: ex.register.email, password: ex.register.password }] });

export const TokenPair = z
  .object({
    tokenType: z.literal('Bearer').describe('Send the access token as `Authorization: Bearer <accessToken>`'),
    accessToken: z.string().meta({ description: 'JWT, short-lived; do not parse it', examples: [ex.accessToken] }),
    expiresIn: z.number().int().meta({ description: 'Seconds until the access token expires (default 600)', examples: [600] }),
    refreshToken: z.string().meta({ description: 'Single use: every refresh returns a new one; keep it secret', examples: [ex.secretToken] }),
    refreshExpiresAt: instantOf('When the refresh token expires unless used before; UTC', '2026-11-27T19:10:00.000Z'),
  })
  .meta({
    id: 'TokenPair',
    description: 'An access token for requests and a refresh token for the next pair',
    examples: [{ tokenType: 'Bearer', accessToken: ex.accessToken, expiresIn: 600, refreshToken: ex.secretToken, refreshExpiresAt: '2026-11-27T19:10:00.000Z' }],
  });

export const RefreshBody = z
  .strictObject({ refreshToken: emailToken('The refresh token of the last pair; it is used up by this call') })
  .meta({ id: 'RefreshRequest', description: 'Trade a refresh token for a new pair', examples: [{ refreshToken: ex.secretToken }] });

export const Me = z
  .object({
    id: uuidOf('Your user id', ex.ids.applicant),
    email: z.string().meta({ description: 'Your address, lower case', examples: [ex.me.email] }),
    emailVerified: z.boolean().describe('The address was confirmed by its emailed link'),
    displayName: z.string().meta({ description: 'Name shown to other users', examples: [ex.me.displayName] }),
    country: z.string().meta({ description: 'Country of residence, ISO 3166-1 alpha-2', examples: ['SK'] }),
    birthDate: z.string().nullable().meta({ description: 'Date of birth, YYYY-MM-DD; null when not given', examples: [ex.me.birthDate] }),
    locale: z.string().meta({ description: 'Language of emails, BCP 47', examples: ['sk'] }),
    isAdmin: z.boolean().describe('Platform administrator: passes every organiser check (audited under their own id)'),
    createdAt: Instant.describe('When the account was registered; UTC'),
  })
  .meta({ id: 'Me', description: 'Your own account', examples: [ex.me] });

export const UpdateMeBody = z
  .strictObject({
    displayName: z.string().trim().min(1).max(120).optional().describe(DISPLAY_NAME),
    country: CountryCode.optional().describe('Country of residence; proposals already submitted keep the country frozen at their first submit'),
    birthDate: BirthDate.nullable().optional().describe('Date of birth, YYYY-MM-DD; null clears it'),
    locale: Locale.optional().describe('Language of emails, BCP 47'),
  })
  .meta({ id: 'UpdateMeRequest', description: 'Profile fields to change; fields left out are kept', examples: [{ displayName: 'Zuzana Kováčová', locale: 'en' }] });

export const ChangePasswordBody = z
  .strictObject({ currentPassword: password('Your password now'), newPassword: password(NEW_PASSWORD) })
  .meta({
    id: 'ChangePasswordRequest',
    description: 'Change your password; every refresh token of yours is revoked (access tokens run out within minutes)',
    examples: [{ currentPassword: ex.register.password, newPassword: 'Tatry-Lomnica-2655m?' }],
  });

export const ResetRequestBody = z
  .strictObject({ email: Email.meta({ description: 'The account’s address; the answer is the same for an unknown one', examples: [ex.register.email] }) })
  .meta({ id: 'PasswordResetRequest', description: 'Ask for a password-reset link by email', examples: [{ email: ex.register.email }] });
export const ResetCompleteBody = z
  .strictObject({ token: emailToken('The token from the reset link (valid one hour, single use)'), newPassword: password(NEW_PASSWORD) })
  .meta({
    id: 'PasswordResetCompletion',
    description: 'Set a new password with the emailed token',
    examples: [{ token: ex.secretToken, newPassword: 'Tatry-Lomnica-2655m?' }],
  });
export const VerifyEmailBody = z
  .strictObject({ token: emailToken('The token from the verification link (valid 48 hours, single use)') })
  .meta({ id: 'EmailVerification', description: 'Confirm your address with the emailed token', examples: [{ token: ex.secretToken }] });
