import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../../config.js';
import { DeliveryError, type DeliveryAdapter } from './mail.service.js';
import { isHeaderSafe } from './mail.templates.js';

interface SmtpFailure {
  code?: string;
  command?: string;
  responseCode?: number;
  permanent?: boolean;
}

/** Commands whose 5xx rejects this message (its recipient or content); a 5xx elsewhere (AUTH, MAIL FROM) is our setup, fixed by an operator. */
const MESSAGE_COMMANDS = new Set(['RCPT TO', 'DATA']);

/** A failure summarised as reply code, command and error code: the server's text may echo addresses, the URL holds a password. */
export function classifySmtpFailure(err: unknown): DeliveryError {
  const e = (err ?? {}) as SmtpFailure;
  const summary = [e.responseCode && `smtp ${e.responseCode}`, e.command, e.code].filter(Boolean).join(' ') || 'smtp failure';
  return new DeliveryError(summary, e.permanent === true && MESSAGE_COMMANDS.has(e.command ?? ''));
}

/** The transport's options from the settings; exported so the TLS choice is testable without a TLS server. */
export function smtpTransportOptions(smtp: SmtpConfig) {
  const url = new URL(smtp.url);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(url.port) || (secure ? 465 : 587),
    // smtps:// is TLS from the first byte; smtp:// must upgrade with STARTTLS unless explicitly allowed not to.
    secure,
    requireTLS: !secure && smtp.requireTls,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    tls: { minVersion: 'TLSv1.2' as const },
    connectionTimeout: smtp.connectionTimeoutMs,
    greetingTimeout: smtp.greetingTimeoutMs,
    socketTimeout: smtp.socketTimeoutMs,
    pool: true as const,
    maxConnections: 2,
    // Nodemailer's own logger would write the SMTP dialogue, AUTH included.
    logger: false,
    debug: false,
  };
}

/** Real delivery through nodemailer: a small connection pool to one SMTP server. */
export function smtpDelivery(smtp: SmtpConfig): DeliveryAdapter {
  const transporter = nodemailer.createTransport(smtpTransportOptions(smtp));
  const domain = smtp.from.split('@')[1];
  return {
    async send(email) {
      if (!isHeaderSafe(email.subject)) throw new DeliveryError('unsafe subject refused', true);
      try {
        await transporter.sendMail({
          from: { name: 'Skyrocket', address: smtp.from },
          to: email.to,
          subject: email.subject,
          text: email.body,
          // The outbox id: a message sent twice (at-least-once) carries the same Message-ID.
          messageId: `<${email.id}@${domain}>`,
          headers: { 'Auto-Submitted': 'auto-generated' },
          disableFileAccess: true,
          disableUrlAccess: true,
        });
      } catch (err) {
        throw classifySmtpFailure(err);
      }
    },
    async close() {
      transporter.close();
    },
  };
}
