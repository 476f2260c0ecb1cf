/**
 * The upload allow-list. The declared Content-Type must agree with the file's own bytes, so a
 * renamed executable or an HTML page labelled as a PDF is refused. Small enough to check the
 * magic numbers here rather than pull in a dependency.
 */
export const ALLOWED_ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'] as const;
export type AttachmentType = (typeof ALLOWED_ATTACHMENT_TYPES)[number];

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const PDF = Buffer.from('%PDF-', 'latin1');

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Plain text: valid UTF-8 with no control characters other than tab, newline, carriage return and form feed. */
function isPlainText(data: Buffer): boolean {
  try {
    strictUtf8.decode(data);
  } catch {
    return false;
  }
  for (const byte of data) {
    if (byte === 0x7f || (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c)) return false;
  }
  return true;
}

/** The media type without parameters, lower-cased (`text/plain; charset=utf-8` → `text/plain`). */
export function baseMediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export function isAllowedAttachmentType(type: string): type is AttachmentType {
  return (ALLOWED_ATTACHMENT_TYPES as readonly string[]).includes(type);
}

/** Whether the bytes really are of the declared (allowed) type. */
export function bytesMatchType(type: AttachmentType, data: Buffer): boolean {
  switch (type) {
    case 'application/pdf':
      return data.subarray(0, PDF.length).equals(PDF);
    case 'image/png':
      return data.subarray(0, PNG.length).equals(PNG);
    case 'image/jpeg':
      return data.subarray(0, JPEG.length).equals(JPEG);
    case 'text/plain':
      return isPlainText(data);
  }
}

/** A filename that is safe to store and to echo in Content-Disposition. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 255);
}
