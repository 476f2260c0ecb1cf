/**
 * Every email the platform sends, with its fixed subject and its per-recipient cap. Subjects are
 * constants: no caller's or user's text ever reaches a header. User text goes into bodies only,
 * through `mailText`, which makes it plain.
 */
export interface MailTemplate {
  subject: string;
  /** At most this many emails of the template to one recipient (plus-tags folded) in an hour. */
  perRecipientPerHour: number;
  /**
   * Over the cap: `drop` silently (notices nobody must learn were suppressed), or `refuse` with
   * `429 RECIPIENT_EMAIL_LIMIT` so the caller's change rolls back and the user can try later.
   */
  overCap: 'drop' | 'refuse';
}

export const TEMPLATES = {
  verify_email: { subject: 'Confirm your Skyrocket email address', perRecipientPerHour: 5, overCap: 'drop' },
  reset_password: { subject: 'Reset your Skyrocket password', perRecipientPerHour: 5, overCap: 'drop' },
  already_registered: { subject: 'Someone tried to register with your address', perRecipientPerHour: 1, overCap: 'drop' },
  organisation_invitation: { subject: 'You are invited to join an organisation on Skyrocket', perRecipientPerHour: 5, overCap: 'refuse' },
  proposal_invitation: { subject: 'You are invited to join a proposal team on Skyrocket', perRecipientPerHour: 5, overCap: 'refuse' },
  judge_invitation: { subject: 'You are invited to judge a competition on Skyrocket', perRecipientPerHour: 10, overCap: 'refuse' },
  guardian_consent: { subject: 'A young person asks for your consent on Skyrocket', perRecipientPerHour: 5, overCap: 'refuse' },
} as const satisfies Record<string, MailTemplate>;

export type TemplateName = keyof typeof TEMPLATES;

declare const plain: unique symbol;
/** A body built by `mailText`: every interpolated value made plain. */
export type MailText = string & { readonly [plain]: true };

/** Longest interpolated value kept (titles and names are shorter; a link with its token fits). */
const MAX_VALUE_LENGTH = 500;

/**
 * One line of plain text from any value: control and format characters (CR, LF, NUL, bidi
 * overrides, zero-width marks) become spaces, lone surrogates are replaced, runs of whitespace
 * collapse, and the result is bounded.
 */
export function plainText(value: string | number): string {
  const text = String(value)
    .replace(/\p{Cs}/gu, '\uFFFD')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/** Tag for email bodies: `mailText\`Join "${title}": ${link}\``; the literal parts are ours, the values are made plain. */
export function mailText(strings: TemplateStringsArray, ...values: Array<string | number>): MailText {
  return strings.reduce((out, part, i) => out + part + (i < values.length ? plainText(values[i]!) : ''), '') as MailText;
}

/** A header value we send must be one line of printable text; subjects are constants, this is the belt to their braces. */
export function isHeaderSafe(value: string): boolean {
  return value.length > 0 && value.length <= 200 && !/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(value);
}
