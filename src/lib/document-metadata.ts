/**
 * Removing the metadata that names people from an attachment, for a judge in a blind competition.
 *
 * PDF goes through @cantoo/pdf-lib, the maintained fork of pdf-lib (pure JS, no install script;
 * Hopding/pdf-lib has had no release since 1.17.1 in 2021 and its maintainers point to the fork).
 * PNG and JPEG are walked here: their container formats are a flat list of length-prefixed
 * chunks or segments, and no maintained library does what is needed. `exif-be-gone` scans for
 * byte patterns instead of walking segments, leaves APP13 and COM, and passes malformed input
 * through untouched; `png-chunks-extract`/`-encode` have had no release since 2016; `sharp`
 * re-encodes the pixels (and needs a native binary). Pixels are never decoded or re-encoded: the
 * chunks and segments that are kept are copied byte for byte.
 *
 * Both walkers keep an allow-list rather than a deny-list: a metadata block nobody listed (a
 * C2PA manifest in APP11, Photoshop's "Ducky" copyright in APP12, a private PNG chunk) is dropped,
 * and only what a decoder needs to draw the picture stays.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFStream, type PDFObject } from '@cantoo/pdf-lib';

export type MetadataBearingType = 'application/pdf' | 'image/png' | 'image/jpeg' | 'text/plain';
export type WithoutMetadata = { ok: true; data: Buffer } | { ok: false; reason: string };

/**
 * The bytes with identifying metadata removed, for a judge in blind mode. Throws nothing for
 * well-formed input; for a file the library cannot parse, returns { ok: false } so the caller
 * withholds it. text/plain comes back unchanged: it is the applicant's own words, and a name
 * written in them cannot be told apart from the proposal automatically.
 */
export async function withoutIdentifyingMetadata(contentType: MetadataBearingType, data: Buffer): Promise<WithoutMetadata> {
  try {
    switch (contentType) {
      case 'application/pdf':
        return await pdfWithoutMetadata(data);
      case 'image/png':
        return pngWithoutMetadata(data);
      case 'image/jpeg':
        return jpegWithoutMetadata(data);
      case 'text/plain':
        return { ok: true, data };
      default:
        return refuse(`unsupported content type ${String(contentType as unknown)}`);
    }
  } catch (error) {
    // A parser bug on hostile input must withhold the file, not fail the download route.
    return refuse(`unexpected failure: ${errorMessage(error)}`);
  }
}

function refuse(reason: string): WithoutMetadata {
  return { ok: false, reason: reason.slice(0, 300) };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------
// PDF

const EOF_MARKER = Buffer.from('%%EOF', 'latin1');
/** How far from the end readers look for %%EOF (Acrobat's tolerance for trailing junk). */
const EOF_SEARCH_WINDOW = 1024;

/** Keys that hold metadata in any dictionary: XMP streams (ISO 32000 §14.3.2) and applications' private data (§14.5). */
const METADATA_KEYS = [PDFName.of('Metadata'), PDFName.of('PieceInfo')];
const TITLE = PDFName.of('T');
const SUBTYPE = PDFName.of('Subtype');
const WIDGET = PDFName.of('Widget');
const CONTENTS = PDFName.of('Contents');

async function pdfWithoutMetadata(data: Buffer): Promise<WithoutMetadata> {
  // pdf-lib recovers what it can from a cut file, which could hand a judge half a proposal.
  if (data.lastIndexOf(EOF_MARKER, data.length - 1) < Math.max(0, data.length - EOF_SEARCH_WINDOW)) {
    return refuse('pdf: no %%EOF near the end, the file is truncated');
  }
  let document: PDFDocument;
  try {
    document = await PDFDocument.load(data, {
      // Otherwise pdf-lib stamps its own Producer/Creator and the current time into Info.
      updateMetadata: false,
      // An object pdf-lib cannot parse would be copied through as raw bytes, unexamined.
      throwOnInvalidObject: true,
      // Files encrypted only to restrict printing or copying open with the empty user password; they are saved decrypted.
      password: '',
    });
  } catch (error) {
    return refuse(`pdf: ${errorMessage(error)}`);
  }

  const context = document.context;
  if (!(context.lookup(context.trailerInfo.Root) instanceof PDFDict)) return refuse('pdf: no document catalog');
  const pageTree = context.lookup(document.catalog.get(PDFName.of('Pages')));
  const count = pageTree instanceof PDFDict ? pageTree.lookup(PDFName.of('Count')) : undefined;
  const declaredCount = count instanceof PDFNumber ? count.asNumber() : undefined;
  const pages = document.getPages();
  // A page tree that holds fewer leaves than it counts has lost objects: the judge would get part of the proposal.
  if (pages.length === 0 || declaredCount !== pages.length) {
    return refuse(`pdf: the page tree declares ${declaredCount ?? 'no'} pages and holds ${pages.length}`);
  }

  if (!pages.every((page) => hasResolvableContents(context.lookup.bind(context), page.node.get(CONTENTS)))) {
    return refuse('pdf: a page refers to a content stream that is not in the file');
  }

  for (const page of pages) {
    const annotations = context.lookup(page.node.get(PDFName.of('Annots')));
    if (!(annotations instanceof PDFArray)) continue;
    for (const entry of annotations.asArray()) {
      const annotation = context.lookup(entry);
      // A markup annotation's /T is its author (§12.5.6.2); a widget's /T is its form field's name, which the form needs.
      if (annotation instanceof PDFDict && annotation.get(SUBTYPE) !== WIDGET) annotation.delete(TITLE);
    }
  }

  context.trailerInfo.Info = undefined;
  // pdf-lib writes every object it parsed, also those no longer referenced: an Info or XMP object
  // of an earlier revision, or the one just unlinked, would still be in the bytes.
  const kept = scrubAndCollectReachable(context.lookup.bind(context), [context.trailerInfo.Root, context.trailerInfo.Encrypt]);
  for (const [ref] of context.enumerateIndirectObjects()) {
    if (!kept.has(ref)) context.delete(ref);
  }

  // Classic cross-reference table: the widest reader support, and no object stream to compress away what a reviewer of the output would grep for.
  const saved = await document.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
  return { ok: true, data: Buffer.from(saved.buffer, saved.byteOffset, saved.byteLength) };
}

/** A page without /Contents is blank by design; one whose streams are missing has lost them. */
function hasResolvableContents(lookup: (ref: PDFRef) => PDFObject | undefined, contents: PDFObject | undefined): boolean {
  if (contents === undefined) return true;
  const resolved = contents instanceof PDFRef ? lookup(contents) : contents;
  if (resolved instanceof PDFStream) return true;
  if (!(resolved instanceof PDFArray)) return false;
  return resolved.asArray().every((part) => (part instanceof PDFRef ? lookup(part) : part) instanceof PDFStream);
}

/**
 * Walks everything reachable from the roots, removing the metadata keys from every dictionary on
 * the way (direct or indirect, stream dictionaries included), and returns the indirect objects seen.
 */
function scrubAndCollectReachable(lookup: (ref: PDFRef) => PDFObject | undefined, roots: readonly (PDFObject | undefined)[]): Set<PDFRef> {
  const seen = new Set<PDFRef>();
  const pending: PDFObject[] = roots.filter((root): root is PDFObject => root !== undefined);
  while (pending.length > 0) {
    const object = pending.pop()!;
    if (object instanceof PDFRef) {
      if (seen.has(object)) continue;
      seen.add(object);
      const target = lookup(object);
      if (target !== undefined) pending.push(target);
    } else if (object instanceof PDFArray) {
      pending.push(...object.asArray());
    } else if (object instanceof PDFDict || object instanceof PDFStream) {
      const dict = object instanceof PDFStream ? object.dict : object;
      for (const key of METADATA_KEYS) dict.delete(key);
      pending.push(...dict.values());
    }
  }
  return seen;
}

// ---------------------------------------------------------------------------------------------
// PNG (ISO/IEC 15948, PNG 3rd edition)

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The ancillary chunks that change how the picture is drawn (colour, transparency, gamma, pixel
 * size, APNG animation). Every other ancillary chunk is dropped: tEXt, zTXt, iTXt (author,
 * comments, XMP), eXIf, tIME, dSIG (a signer's certificate) and any private chunk. Critical chunks
 * are always kept: a decoder needs them all, and refuses a file whose critical chunk it does not know.
 */
const PNG_KEPT_ANCILLARY = new Set(['tRNS', 'cHRM', 'gAMA', 'iCCP', 'sBIT', 'sRGB', 'cICP', 'mDCV', 'cLLI', 'bKGD', 'hIST', 'pHYs', 'sPLT', 'acTL', 'fcTL', 'fdAT']);

function pngWithoutMetadata(data: Buffer): WithoutMetadata {
  if (!data.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) return refuse('png: no PNG signature');
  const kept: Buffer[] = [PNG_SIGNATURE];
  let offset = PNG_SIGNATURE.length;
  let sawImageData = false;
  for (let index = 0; ; index++) {
    if (offset + 12 > data.length) return refuse('png: the file ends before IEND');
    const length = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (length > 0x7fffffff || end > data.length) return refuse(`png: chunk ${JSON.stringify(type)} runs past the end of the file`);
    if (!/^[A-Za-z]{4}$/.test(type)) return refuse('png: a chunk type is not four letters');
    if (crc32(data.subarray(offset + 4, end - 4)) !== data.readUInt32BE(end - 4)) return refuse(`png: chunk ${type} fails its CRC`);
    if (index === 0 && (type !== 'IHDR' || length !== 13)) return refuse('png: the first chunk is not IHDR');
    const critical = (data[offset + 4]! & 0x20) === 0;
    if (critical || PNG_KEPT_ANCILLARY.has(type)) kept.push(data.subarray(offset, end));
    if (type === 'IDAT') sawImageData = true;
    offset = end;
    // Anything after IEND is not part of the image (it is where files get appended to PNGs).
    if (type === 'IEND') break;
  }
  if (!sawImageData) return refuse('png: no IDAT chunk');
  return { ok: true, data: Buffer.concat(kept) };
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, byte) => {
  let crc = byte;
  for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  return crc >>> 0;
});

/** CRC-32 as PNG uses it (ISO 3309); zlib.crc32 only exists from Node 20.15 and the engines field allows 20.0. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// JPEG (ITU-T T.81 segments; JFIF, Exif, ICC, Adobe application segments)

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const APP15 = 0xef;
const COM = 0xfe;
const ICC_PROFILE = Buffer.from('ICC_PROFILE\0', 'latin1');
const ADOBE = Buffer.from('Adobe', 'latin1');
const EXIF = Buffer.from('Exif\0\0', 'latin1');

function isStandalone(marker: number): boolean {
  return (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01;
}

/**
 * Application segments a decoder needs: APP0 (JFIF: density, a thumbnail of the picture itself),
 * APP2 ICC_PROFILE (colour) and APP14 Adobe (colour transform of CMYK/YCCK files). Every other
 * APPn goes, with COM: APP1 (Exif: camera owner, artist, GPS; XMP: creator), APP13 (IPTC byline),
 * APP2 MPF (an index of further images after EOI, which are dropped), APP11 (C2PA), APP12 (Ducky).
 */
function keepsApplicationSegment(marker: number, payload: Buffer): boolean {
  if (marker === APP0) return true;
  if (marker === APP2) return payload.subarray(0, ICC_PROFILE.length).equals(ICC_PROFILE);
  if (marker === APP14) return payload.subarray(0, ADOBE.length).equals(ADOBE);
  return false;
}

function jpegWithoutMetadata(data: Buffer): WithoutMetadata {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== SOI) return refuse('jpeg: no SOI marker');
  const kept: Buffer[] = [data.subarray(0, 2)];
  let offset = 2;
  let sawScan = false;
  for (;;) {
    if (data[offset] !== 0xff) return refuse(`jpeg: expected a marker at byte ${offset}`);
    // Any number of 0xFF fill bytes may precede a marker (T.81 §B.1.1.2).
    while (data[offset] === 0xff) offset++;
    if (offset >= data.length) return refuse('jpeg: the file ends before EOI');
    const marker = data[offset]!;
    const markerStart = offset - 1;
    offset++;
    if (marker === EOI) {
      if (!sawScan) return refuse('jpeg: no scan before EOI');
      kept.push(data.subarray(markerStart, offset));
      // Bytes after EOI are not part of the picture: MPF's extra images (each with its own Exif) or appended files.
      break;
    }
    if (isStandalone(marker)) {
      kept.push(data.subarray(markerStart, offset));
      continue;
    }
    if (marker === 0x00 || marker === SOI) return refuse(`jpeg: unexpected marker 0x${marker.toString(16)} at byte ${markerStart}`);
    if (offset + 2 > data.length) return refuse('jpeg: the file ends inside a segment');
    const length = data.readUInt16BE(offset);
    const end = offset + length;
    if (length < 2 || end > data.length) return refuse(`jpeg: segment 0x${marker.toString(16)} runs past the end of the file`);
    const payload = data.subarray(offset + 2, end);
    const isApplication = marker >= APP0 && marker <= APP15;
    if (isApplication || marker === COM) {
      if (isApplication && keepsApplicationSegment(marker, payload)) {
        kept.push(data.subarray(markerStart, end));
      } else if (marker === APP1) {
        const orientation = exifOrientation(payload);
        // Without it a portrait phone photo shows sideways; the rest of Exif goes.
        if (orientation !== undefined && orientation !== 1) kept.push(orientationOnlyExif(orientation));
      }
      offset = end;
      continue;
    }
    kept.push(data.subarray(markerStart, end));
    offset = end;
    if (marker === SOS) {
      sawScan = true;
      const scanEnd = entropyCodedEnd(data, offset);
      if (scanEnd === undefined) return refuse('jpeg: the file ends inside a scan');
      kept.push(data.subarray(offset, scanEnd));
      offset = scanEnd;
    }
  }
  return { ok: true, data: Buffer.concat(kept) };
}

/** Where the entropy-coded data after SOS ends: at the first 0xFF that is neither stuffing (FF00) nor a restart marker. */
function entropyCodedEnd(data: Buffer, start: number): number | undefined {
  for (let index = start; index + 1 < data.length; index++) {
    if (data[index] !== 0xff) continue;
    const next = data[index + 1]!;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) {
      index++;
      continue;
    }
    return index;
  }
  return undefined;
}

const ORIENTATION_TAG = 0x0112;
const TIFF_SHORT = 3;

/** The Orientation of IFD0 in an Exif APP1 payload, or undefined when there is none or the block is damaged. */
function exifOrientation(payload: Buffer): number | undefined {
  if (!payload.subarray(0, EXIF.length).equals(EXIF)) return undefined;
  const tiff = payload.subarray(EXIF.length);
  if (tiff.length < 8) return undefined;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return undefined;
  const littleEndian = order === 'II';
  const u16 = (at: number) => (littleEndian ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (littleEndian ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  if (u16(2) !== 42) return undefined;
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return undefined;
  const count = u16(ifd);
  for (let entry = 0; entry < count; entry++) {
    const at = ifd + 2 + entry * 12;
    if (at + 12 > tiff.length) return undefined;
    if (u16(at) !== ORIENTATION_TAG) continue;
    if (u16(at + 2) !== TIFF_SHORT || u32(at + 4) !== 1) return undefined;
    const value = u16(at + 8);
    return value >= 1 && value <= 8 ? value : undefined;
  }
  return undefined;
}

/** A fresh APP1 holding nothing but IFD0 with one Orientation entry (big-endian TIFF). */
function orientationOnlyExif(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(ORIENTATION_TAG, 10);
  tiff.writeUInt16BE(TIFF_SHORT, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  // Bytes 20–21 pad the value field; 22–25 say there is no next IFD.
  const header = Buffer.from([0xff, APP1, 0, 0]);
  header.writeUInt16BE(2 + EXIF.length + tiff.length, 2);
  return Buffer.concat([header, EXIF, tiff]);
}
