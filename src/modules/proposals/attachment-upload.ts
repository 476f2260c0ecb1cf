import { AppError } from '../../lib/errors.js';
import { baseMediaType, sniffAttachmentType } from './attachment-types.js';

/**
 * The two forms an attachment upload arrives in (docs/api-contract.md, "Uploads and the
 * generated client"), turned into one body shape before validation:
 *
 * - `multipart/form-data` with one part named `file` (the form the OpenAPI document describes,
 *   because every mainstream generator builds it from a `format: binary` property): the part
 *   carries the file name and the file's own Content-Type;
 * - the older raw body with the file's Content-Type and its name in `?filename=` / `x-filename`
 *   (kept for existing clients, not in the document: generators hard-code one of its four types).
 */
export const UPLOAD_FORM_TYPE = 'multipart/form-data';

/** The name of the form part that carries the file. */
export const FILE_PART = 'file';

/** Room for the part headers and boundaries around a file of the upload limit. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/**
 * Bounds checked before the form is parsed: the parser spends about 0.2 ms per part and more per
 * header line, so a 10 MiB form of 50,000 empty parts or a million header lines would hold the
 * event loop for seconds. The one legitimate form has one part; a few more are let through so
 * the schema can name them.
 */
export const MAX_PARTS = 10;
export const MAX_PART_HEADER_BYTES = 16 * 1024;

/** RFC 2046 boundary characters (1–70, not ending in a space). Anything else is refused rather than interpreted. */
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

function malformed(detail: string): AppError {
  return new AppError(400, 'MALFORMED_MULTIPART', `The body is not valid multipart/form-data: ${detail}`);
}

/**
 * The boundary of the Content-Type, and the body checked against the bounds above with native
 * scans only. Every delimiter contains `--<boundary>`, so counting that string never undercounts
 * the parts the parser would see.
 */
export function checkFormShape(body: Buffer, contentType: string): void {
  const params = [...contentType.matchAll(/;\s*boundary\s*=\s*(?:"([^"]*)"|([^;\s]*))/gi)];
  if (params.length !== 1) throw malformed('the Content-Type needs exactly one boundary parameter');
  const boundary = params[0]![1] ?? params[0]![2] ?? '';
  if (!BOUNDARY.test(boundary)) throw malformed('the boundary must be 1 to 70 letters, digits or \'()+_,-./:=? ');
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const separator = Buffer.from('\r\n\r\n', 'latin1');
  let count = 0;
  for (let at = body.indexOf(delimiter); at !== -1; at = body.indexOf(delimiter, at + delimiter.length)) {
    // The closing delimiter ends the form; one more than the parts.
    if (++count > MAX_PARTS + 1) throw new AppError(400, 'MULTIPART_LIMIT', `A form may have at most ${MAX_PARTS} parts; this one needs one, \`file\``);
    const headersEnd = body.indexOf(separator, at + delimiter.length);
    const headersLength = (headersEnd === -1 ? body.length : headersEnd) - (at + delimiter.length);
    if (headersLength > MAX_PART_HEADER_BYTES && body.subarray(at + delimiter.length, at + delimiter.length + 2).toString('latin1') !== '--') {
      throw new AppError(400, 'MULTIPART_LIMIT', `The headers of a part may be at most ${MAX_PART_HEADER_BYTES} bytes`);
    }
  }
  if (count === 0) throw malformed('no part delimited by the boundary');
}

/** A file as received, whichever form it came in. A class, so no parsed JSON or text can pass for one. */
export class UploadedFile {
  constructor(
    readonly data: Buffer,
    /** The declared media type without parameters, lower-cased; '' when none was sent. */
    readonly contentType: string,
    /** The name the sender gave the file, when the form carries one (multipart). */
    readonly filename: string | undefined,
    /** The multipart part it came in (errors name it); undefined for a raw body. */
    readonly part: string | undefined,
  ) {}

  /**
   * The type to check the bytes against: the declared one, or for a file declared only as
   * `application/octet-stream` (or not at all) the allowed type its bytes are, if any.
   */
  get effectiveType(): string {
    if (this.contentType === '' || this.contentType === 'application/octet-stream') return sniffAttachmentType(this.data) ?? this.contentType;
    return this.contentType;
  }
}

/** The body of a raw upload, in the shape of a multipart one. */
export function rawUploadBody(data: Buffer, contentType: string | undefined): { file: UploadedFile } {
  return { file: new UploadedFile(data, baseMediaType(contentType), undefined, undefined) };
}

/**
 * A `multipart/form-data` body as `{ part name: value }` (a name sent twice: an array), files as
 * UploadedFile, text parts as strings; the route's schema then names every missing or unknown
 * part. Parsed by Node's own fetch implementation (undici), so no parser is added; the body was
 * already bounded by the route's bodyLimit.
 */
export async function parseUploadForm(body: Buffer, contentType: string): Promise<Record<string, unknown>> {
  checkFormShape(body, contentType);
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new AppError(400, 'MALFORMED_MULTIPART', 'The body is not valid multipart/form-data: check the boundary parameter and the part headers');
  }
  // No prototype: a part named `__proto__` or `constructor` is just an unknown field.
  const out: Record<string, unknown> = Object.create(null);
  for (const name of new Set(form.keys())) {
    const values = await Promise.all(
      form.getAll(name).map(async (value) =>
        typeof value === 'string' ? value : new UploadedFile(Buffer.from(await value.arrayBuffer()), baseMediaType(value.type), value.name || undefined, name),
      ),
    );
    out[name] = values.length === 1 ? values[0] : values;
  }
  return out;
}
