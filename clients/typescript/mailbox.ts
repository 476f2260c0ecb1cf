import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A local SMTP sink for the applicant flow: the server under test is started with
 * `SMTP_URL=smtp://127.0.0.1:<port>` and `SMTP_REQUIRE_TLS=false` (a local relay), and the
 * program reads the verification links from what it receives, as a user reads their inbox. No
 * route or database access is needed to confirm an address.
 */
export interface Mailbox {
  /** smtp://127.0.0.1:<port> */
  url: string;
  /** The `token` of the newest link to `path` mailed to `address`, waiting up to `timeoutMs` for it. */
  token(address: string, path: string, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

interface Received {
  to: string[];
  text: string;
}

/** The text of a message: headers unfolded, the body decoded from quoted-printable or base64. */
export function messageText(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(head)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

export async function startMailbox(port = 0): Promise<Mailbox> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), text: messageText(Buffer.concat(chunks).toString('utf8')) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;

  return {
    url,
    async token(address, path, timeoutMs = 30_000) {
      const pattern = new RegExp(`${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\?token=([^\\s"<>]+)`);
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        for (const mail of [...received].reverse()) {
          const match = mail.to.includes(address.toLowerCase()) ? pattern.exec(mail.text) : null;
          if (match) return decodeURIComponent(match[1]!);
        }
        if (performance.now() > deadline) throw new Error(`no email with a ${path} link reached ${address} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
