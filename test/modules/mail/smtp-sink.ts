import type { AddressInfo } from 'node:net';
import type { Test } from 'tap';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  rcptTo: string[];
  raw: string;
  /** Header lines as sent (unfolded), in order: [name, value]. */
  headers: Array<[string, string]>;
  body: string;
}

export interface SmtpSink {
  url: string;
  received: ReceivedMail[];
  /** RCPT TO attempts per address (accepted or not). */
  attempts: Map<string, number>;
  /** Decide a RCPT TO reply: undefined accepts, a number rejects with that SMTP code. */
  reject: (address: string, attempt: number) => number | undefined;
  to(address: string): ReceivedMail[];
}

function parse(raw: string): Pick<ReceivedMail, 'headers' | 'body'> {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = head.split('\r\n').map((line): [string, string] => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
  });
  return { headers, body: raw.slice(split + 4) };
}

/** A local SMTP server on port 0 that records what it accepts; closed when the test ends. */
export async function startSmtpSink(t: Test, options: { starttls?: boolean } = {}): Promise<SmtpSink> {
  const sink: SmtpSink = {
    url: '',
    received: [],
    attempts: new Map(),
    reject: () => undefined,
    to: (address) => sink.received.filter((m) => m.rcptTo.includes(address)),
  };
  const server = new SMTPServer({
    authOptional: true,
    // No TLS certificate here: the tests that deliver say SMTP_REQUIRE_TLS=false, as for a local relay.
    disabledCommands: options.starttls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const attempt = (sink.attempts.get(address.address) ?? 0) + 1;
      sink.attempts.set(address.address, attempt);
      const code = sink.reject(address.address, attempt);
      if (code === undefined) return callback();
      const err = Object.assign(new Error(code >= 500 ? 'mailbox unavailable' : 'try again later'), { responseCode: code });
      callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        sink.received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...parse(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return sink;
}
