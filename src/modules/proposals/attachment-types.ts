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

/**
 * The allowed type these bytes are, for a file sent without a usable type of its own (a
 * multipart part typed `application/octet-stream`, as clients label a Blob they know nothing
 * about). Signatures first; text last, since any signature-less UTF-8 would pass as text.
 */
export function sniffAttachmentType(data: Buffer): AttachmentType | undefined {
  if (data.length === 0) return undefined;
  return (['application/pdf', 'image/png', 'image/jpeg', 'text/plain'] as const).find((type) => bytesMatchType(type, data));
}

/**
 * Characters a file name never keeps: controls (C0, DEL, C1), format characters (bidi overrides
 * and isolates such as U+202E, which make `evil\u202Efdp.exe` display as `evilexe.pdf`;
 * zero-width characters; the BOM), line and paragraph separators, lone surrogates, and `"`.
 */
const UNSAFE_IN_FILENAME = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}"]/gu;

/** A filename that is safe to store, display and echo in Content-Disposition: the base name, NFC, without the characters above. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return [...base.normalize('NFC').replace(UNSAFE_IN_FILENAME, '').trim()].slice(0, 255).join('');
}

/** RFC 8187 `ext-value` characters that need no percent-encoding (attr-char). */
const ATTR_CHAR = /[A-Za-z0-9!#$&+\-.^_`|~]/;

/**
 * `Content-Disposition: attachment` for a stored name (RFC 6266): an ASCII-only `filename`
 * fallback (anything else becomes `_`) and the exact name in `filename*` (UTF-8, percent-encoded
 * per RFC 8187). The name is cleaned again, so rows stored before the cleaning existed are safe too.
 */
export function contentDisposition(filename: string): string {
  const name = cleanFilename(filename) || 'attachment';
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = [...new TextEncoder().encode(name)]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return byte < 0x80 && ATTR_CHAR.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
