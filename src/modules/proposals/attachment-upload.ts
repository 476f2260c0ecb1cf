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
