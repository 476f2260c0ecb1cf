import { z } from 'zod';
import { BirthDate, CountryCode, Email, Instant, Locale, Uuid } from '../../lib/schemas.js';

const Password = z.string().min(1).max(1024);

export const RegisterBody = z
  .strictObject({
    email: Email,
    password: Password,
    displayName: z.string().trim().min(1).max(120),
    country: CountryCode,
    birthDate: BirthDate.optional(),
    locale: Locale.optional(),
  })
  .meta({ id: 'RegisterRequest' });

export const AcceptedResponse = z
  .object({ status: z.literal('accepted'), message: z.string() })
  .meta({ id: 'Accepted', description: 'The request was taken; the outcome arrives by email' });

export const LoginBody = z.strictObject({ email: Email, password: Password }).meta({ id: 'LoginRequest' });

export const TokenPair = z
  .object({
    tokenType: z.literal('Bearer'),
    accessToken: z.string(),
    expiresIn: z.number().int().describe('Seconds until the access token expires'),
    refreshToken: z.string().describe('Single use: every refresh returns a new one'),
    refreshExpiresAt: Instant,
  })
  .meta({ id: 'TokenPair' });

export const RefreshBody = z.strictObject({ refreshToken: z.string().min(1).max(200) }).meta({ id: 'RefreshRequest' });

export const Me = z
  .object({
    id: Uuid,
    email: z.string(),
    emailVerified: z.boolean(),
    displayName: z.string(),
    country: z.string(),
    birthDate: z.string().nullable(),
    locale: z.string(),
    isAdmin: z.boolean(),
    createdAt: Instant,
  })
  .meta({ id: 'Me' });

export const UpdateMeBody = z
  .strictObject({
    displayName: z.string().trim().min(1).max(120).optional(),
    country: CountryCode.optional(),
    birthDate: BirthDate.nullable().optional(),
    locale: Locale.optional(),
  })
  .meta({ id: 'UpdateMeRequest' });

export const ChangePasswordBody = z
  .strictObject({ currentPassword: Password, newPassword: Password })
  .meta({ id: 'ChangePasswordRequest' });

export const ResetRequestBody = z.strictObject({ email: Email }).meta({ id: 'PasswordResetRequest' });
export const ResetCompleteBody = z
  .strictObject({ token: z.string().min(1).max(200), newPassword: Password })
  .meta({ id: 'PasswordResetCompletion' });
export const VerifyEmailBody = z.strictObject({ token: z.string().min(1).max(200) }).meta({ id: 'EmailVerification' });
