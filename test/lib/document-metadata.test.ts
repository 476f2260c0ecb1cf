import { deflateSync, inflateSync, crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import t from 'tap';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  StandardFonts,
  type PDFObject,
} from '@cantoo/pdf-lib';
import { crc32, withoutIdentifyingMetadata, type MetadataBearingType, type WithoutMetadata } from '../../src/lib/document-metadata.js';

const NAME = 'Jana Nováková';

/** The name's words in every encoding a PDF, PNG or JPEG writer uses for text: UTF-8, Latin-1 (PDFDocEncoding), UTF-16 both ways, hex of those, PDF octal escapes. */
const NEEDLES: Buffer[] = ['Jana', 'Nováková', 'Novakova'].flatMap((word) => {
  const utf8 = Buffer.from(word, 'utf8');
  const latin1 = Buffer.from(word, 'latin1');
  const utf16le = Buffer.from(word, 'utf16le');
  const utf16be = Buffer.from(utf16le).swap16();
  const hex = [utf8, latin1, utf16be].flatMap((bytes) => [bytes.toString('hex'), bytes.toString('hex').toUpperCase()]);
  const octal = word.replace(/[^\x20-\x7e]/g, (c) => `\\${c.charCodeAt(0).toString(8)}`);
  return [utf8, latin1, utf16le, utf16be, ...hex.map((h) => Buffer.from(h, 'latin1')), Buffer.from(octal, 'latin1')];
});

function mentionsName(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return NEEDLES.some((needle) => buffer.includes(needle));
}

function refused(result: WithoutMetadata): string {
  if (result.ok) throw new Error('expected a refusal, got data');
  return result.reason;
}

function accepted(result: WithoutMetadata): Buffer {
  if (!result.ok) throw new Error(`expected data, got a refusal: ${result.reason}`);
  return result.data;
}

// ---------------------------------------------------------------------------------------------
// Common

t.test('text/plain comes back unchanged, as the same bytes', async (t) => {
  const text = Buffer.from(`Proposal by ${NAME}\n`, 'utf8');
  const result = await withoutIdentifyingMetadata('text/plain', text);
  t.same(result, { ok: true, data: text });
  t.equal(accepted(result), text, 'the very buffer, not a copy');
});

t.test('an unsupported content type is refused, with the type named', async (t) => {
  const result = await withoutIdentifyingMetadata('image/gif' as MetadataBearingType, Buffer.from('GIF89a'));
  t.same(result, { ok: false, reason: 'unsupported content type image/gif' });
  const long = refused(await withoutIdentifyingMetadata('x'.repeat(500) as MetadataBearingType, Buffer.alloc(0)));
  t.equal(long.length, 300, 'a reason is cut at 300 characters');
  t.equal(long, `unsupported content type ${'x'.repeat(275)}`);
});

t.test('a failure inside a walker withholds the file instead of throwing', async (t) => {
  // A Uint8Array has no Buffer#equals: the PNG walker throws a TypeError.
  const typeError = refused(await withoutIdentifyingMetadata('image/png', new Uint8Array(16) as Buffer));
  t.match(typeError, /^unexpected failure: .*equals is not a function/);
  const throwsString = { subarray: () => { throw 'boom'; } } as unknown as Buffer;
  t.same(await withoutIdentifyingMetadata('image/png', throwsString), { ok: false, reason: 'unexpected failure: boom' }, 'a thrown non-Error is stringified');
  const throwsLong = { subarray: () => { throw new Error('e'.repeat(1000)); } } as unknown as Buffer;
  const reason = refused(await withoutIdentifyingMetadata('image/png', throwsLong));
  t.equal(reason, `unexpected failure: ${'e'.repeat(280)}`, 'cut at 300 characters');
});

// ---------------------------------------------------------------------------------------------
// CRC-32

t.test('crc32 matches the CRC-32/ISO-HDLC check values', async (t) => {
  t.equal(crc32(new Uint8Array(0)), 0);
  t.equal(crc32(Buffer.from('123456789', 'latin1')), 0xcbf43926);
  t.equal(crc32(Buffer.from('a', 'latin1')), 0xe8b7be43);
  t.equal(crc32(Buffer.from('The quick brown fox jumps over the lazy dog', 'latin1')), 0x414fa339);
  t.equal(crc32(Buffer.from('IEND', 'latin1')), 0xae426082, 'the CRC every PNG ends with');
  t.equal(crc32(new Uint8Array(32).fill(0xff)), 0xff6cab0b);
});

t.test('crc32 agrees with zlib.crc32 on any bytes', async (t) => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => crc32(bytes) === zlibCrc32(bytes)),
    { numRuns: 200 },
  );
  t.pass('200 random inputs agreed');
});

// ---------------------------------------------------------------------------------------------
// PNG

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Uint8Array = new Uint8Array(0)): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

function png(...chunks: Buffer[]): Buffer {
  return Buffer.concat([PNG_SIGNATURE, ...chunks]);
}

/** 1×1, 8-bit, colour type 3 (palette). */
const IHDR = chunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 3, 0, 0, 0]));
const PLTE = chunk('PLTE', Buffer.from([0xc0, 0x30, 0x10]));
const PIXELS = Buffer.from([0, 0]); // filter type 0, palette index 0
const IDAT = chunk('IDAT', deflateSync(PIXELS));
const IEND = chunk('IEND');

function latin1(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

type Chunk = { type: string; data: Buffer; raw: Buffer };

/** An independent chunk walk with CRC check, for asserting that an output is a well-formed PNG. */
function walkPng(bytes: Buffer): Chunk[] {
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('no signature');
  const chunks: Chunk[] = [];
  let offset = 8;
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (zlibCrc32(bytes.subarray(offset + 4, offset + 8 + length)) !== bytes.readUInt32BE(offset + 8 + length)) throw new Error(`bad CRC in ${type}`);
    chunks.push({ type, data, raw: bytes.subarray(offset, offset + 12 + length) });
    offset += 12 + length;
  }
  if (offset !== bytes.length) throw new Error('trailing bytes');
  return chunks;
}

t.test('the test PNG builder writes the bytes the specification gives', async (t) => {
  t.equal(IEND.toString('hex'), '0000000049454e44ae426082', 'the IEND every PNG ends with');
  t.equal(IHDR.subarray(0, 21).toString('hex'), '0000000d494844520000000100000001080300' + '0000', 'length 13, type, 1×1, depth 8, palette');
  t.equal(IHDR.readUInt32BE(21), zlibCrc32(IHDR.subarray(4, 21)), 'the CRC covers type and data');
  t.same(walkPng(png(IHDR, IEND)).map((c) => c.type), ['IHDR', 'IEND']);
});

const DROPPED_PNG_CHUNKS = [
  chunk('tEXt', latin1(`Author\0${NAME}`)),
  chunk('zTXt', Buffer.concat([latin1('Author\0\0'), deflateSync(latin1(NAME))])),
  chunk('iTXt', Buffer.concat([latin1('XML:com.adobe.xmp\0\0\0\0\0'), Buffer.from(`<dc:creator>${NAME}</dc:creator>`, 'utf8')])),
  chunk('eXIf', Buffer.concat([latin1('MM\0*\0\0\0\x08'), Buffer.from(NAME, 'utf8')])),
  chunk('tIME', Buffer.from([0x07, 0xea, 1, 15, 12, 30, 0])),
  chunk('dSIG', latin1(`CN=${NAME}`)),
  chunk('prVt', Buffer.from(NAME, 'utf16le')),
];

t.test('PNG: text, Exif, time, signature and private chunks go; the picture stays byte for byte', async (t) => {
  const gAMA = chunk('gAMA', Buffer.from([0, 0, 0xb1, 0x8f]));
  const sRGB = chunk('sRGB', Buffer.from([0]));
  const pHYs = chunk('pHYs', Buffer.from([0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1]));
  const tRNS = chunk('tRNS', Buffer.from([0x80]));
  const bKGD = chunk('bKGD', Buffer.from([0]));
  const [tEXt, zTXt, iTXt, eXIf, tIME, dSIG, prVt] = DROPPED_PNG_CHUNKS as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
  const input = png(IHDR, tEXt, gAMA, sRGB, iTXt, PLTE, tRNS, bKGD, eXIf, pHYs, tIME, zTXt, IDAT, prVt, dSIG, IEND);
  t.ok(mentionsName(input), 'the input names the author');

  const output = accepted(await withoutIdentifyingMetadata('image/png', input));
  t.same(output, png(IHDR, gAMA, sRGB, PLTE, tRNS, bKGD, pHYs, IDAT, IEND), 'the kept chunks, in their order, byte for byte');
  t.notOk(mentionsName(output), 'no trace of the name');
  const chunks = walkPng(output);
  t.same(chunks.map((c) => c.type), ['IHDR', 'gAMA', 'sRGB', 'PLTE', 'tRNS', 'bKGD', 'pHYs', 'IDAT', 'IEND'], 'a well-formed chunk list');
  t.same(inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data))), PIXELS, 'the pixels decode as before');
});

t.test('PNG: every ancillary chunk on the allow-list is kept, with every critical chunk', async (t) => {
  const keptAncillary = ['tRNS', 'cHRM', 'gAMA', 'iCCP', 'sBIT', 'sRGB', 'cICP', 'mDCV', 'cLLI', 'bKGD', 'hIST', 'pHYs', 'sPLT', 'acTL', 'fcTL', 'fdAT'];
  const kept = keptAncillary.map((type, index) => chunk(type, Buffer.from([index, 0xff, 0x00])));
  // An unknown critical chunk (upper-case first letter) stays: a decoder needs to see it to refuse the file.
  const unknownCritical = chunk('QXYZ', latin1('critical'));
  const secondIdat = chunk('IDAT', Buffer.alloc(0));
  const input = png(IHDR, ...kept, ...DROPPED_PNG_CHUNKS, PLTE, unknownCritical, IDAT, secondIdat, IEND);
  t.same(accepted(await withoutIdentifyingMetadata('image/png', input)), png(IHDR, ...kept, PLTE, unknownCritical, IDAT, secondIdat, IEND));
});

t.test('PNG: bytes after IEND are not part of the image and are dropped', async (t) => {
  const appended = Buffer.concat([chunk('tEXt', latin1(`Author\0${NAME}`)), latin1(`PK\x03\x04 ${NAME}.docx`)]);
  const output = accepted(await withoutIdentifyingMetadata('image/png', Buffer.concat([png(IHDR, IDAT, IEND), appended])));
  t.same(output, png(IHDR, IDAT, IEND));
  t.notOk(mentionsName(output));
});

t.test('PNG: a file the walker cannot vouch for is refused with a reason', async (t) => {
  const strip = async (bytes: Buffer) => refused(await withoutIdentifyingMetadata('image/png', bytes));
  const whole = png(IHDR, PLTE, IDAT, IEND);

  t.equal(await strip(Buffer.alloc(0)), 'png: no PNG signature', 'empty');
  t.equal(await strip(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x00]), whole.subarray(8)])), 'png: no PNG signature', 'a signature with the last byte changed');
  t.equal(await strip(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])), 'png: no PNG signature', 'a JPEG');
  t.equal(await strip(PNG_SIGNATURE), 'png: the file ends before IEND', 'a signature alone');
  t.equal(await strip(png(IHDR, PLTE, IDAT)), 'png: the file ends before IEND', 'IEND missing');
  t.equal(await strip(Buffer.concat([png(IHDR, PLTE, IDAT), IEND.subarray(0, 11)])), 'png: the file ends before IEND', 'IEND cut short of 12 bytes');
  t.equal(await strip(whole.subarray(0, whole.length - IEND.length - 3)), 'png: chunk "IDAT" runs past the end of the file', 'cut inside IDAT');

  const huge = Buffer.from(IDAT);
  huge.writeUInt32BE(0x80000000, 0);
  t.equal(await strip(png(IHDR, huge, Buffer.alloc(64), IEND)), 'png: chunk "IDAT" runs past the end of the file', 'a length above 2^31 - 1');

  const badType = Buffer.from(IDAT);
  badType.write('ID1T', 4, 'latin1');
  t.equal(await strip(png(IHDR, badType, IEND)), 'png: a chunk type is not four letters');

  const badCrc = Buffer.from(IDAT);
  badCrc[10] = badCrc[10]! ^ 0x01;
  t.equal(await strip(png(IHDR, PLTE, badCrc, IEND)), 'png: chunk IDAT fails its CRC', 'one bit flipped in the data');
  const badTextCrc = Buffer.from(DROPPED_PNG_CHUNKS[0]!);
  badTextCrc.writeUInt32BE(0, badTextCrc.length - 4);
  t.equal(await strip(png(IHDR, badTextCrc, IDAT, IEND)), 'png: chunk tEXt fails its CRC', 'also for a chunk that would be dropped');

  t.equal(await strip(png(chunk('gAMA', Buffer.from([0, 0, 0xb1, 0x8f])), IHDR, IDAT, IEND)), 'png: the first chunk is not IHDR', 'IHDR second');
  t.equal(await strip(png(chunk('IHDR', Buffer.alloc(12)), IDAT, IEND)), 'png: the first chunk is not IHDR', 'an IHDR of 12 bytes');
  t.equal(await strip(png(IHDR, PLTE, IEND)), 'png: no IDAT chunk');
  t.equal(await strip(png(IHDR, IEND, IDAT)), 'png: no IDAT chunk', 'an IDAT after IEND does not count');
});

const pngChunkArbitrary = fc.record({
  type: fc.constantFrom('tRNS', 'gAMA', 'iCCP', 'sPLT', 'pHYs', 'fcTL', 'tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME', 'dSIG', 'prVt', 'vpAg', 'PLTE'),
  data: fc.uint8Array({ maxLength: 12 }),
});

t.test('PNG: for any chunk list, exactly the critical and allow-listed chunks survive, in order, and a second pass changes nothing', async (t) => {
  const kept = new Set(['tRNS', 'gAMA', 'iCCP', 'sPLT', 'pHYs', 'fcTL', 'PLTE']);
  await fc.assert(
    fc.asyncProperty(fc.array(pngChunkArbitrary, { maxLength: 8 }), fc.uint8Array({ maxLength: 8 }), async (list, trailer) => {
      const chunks = list.map(({ type, data }) => ({ type, bytes: chunk(type, data) }));
      const input = Buffer.concat([png(IHDR, ...chunks.map((c) => c.bytes), IDAT, IEND), trailer]);
      const expected = png(IHDR, ...chunks.filter((c) => kept.has(c.type)).map((c) => c.bytes), IDAT, IEND);
      const once = accepted(await withoutIdentifyingMetadata('image/png', input));
      const twice = accepted(await withoutIdentifyingMetadata('image/png', once));
      return once.equals(expected) && twice.equals(once);
    }),
    { numRuns: 150 },
  );
  t.pass('150 random chunk lists');
});

// ---------------------------------------------------------------------------------------------
// JPEG

function segment(marker: number, payload: Uint8Array): Buffer {
  const header = Buffer.from([0xff, marker, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

type IfdEntry = { tag: number; type: number; count: number; value: Buffer };

/** An Exif APP1 payload: "Exif\0\0", a TIFF header in the given byte order, and IFD0 with the entries (values over 4 bytes placed after the IFD). */
function exifPayload(order: 'II' | 'MM', entries: IfdEntry[]): Buffer {
  const le = order === 'II';
  const u16 = (n: number) => { const b = Buffer.alloc(2); if (le) b.writeUInt16LE(n); else b.writeUInt16BE(n); return b; };
  const u32 = (n: number) => { const b = Buffer.alloc(4); if (le) b.writeUInt32LE(n); else b.writeUInt32BE(n); return b; };
  const ifdEnd = 8 + 2 + entries.length * 12 + 4;
  let dataOffset = ifdEnd;
  const data: Buffer[] = [];
  const fields = entries.map(({ tag, type, count, value }) => {
    let field: Buffer;
    if (value.length <= 4) {
      field = Buffer.concat([value, Buffer.alloc(4 - value.length)]);
    } else {
      field = u32(dataOffset);
      data.push(value);
      dataOffset += value.length;
    }
    return Buffer.concat([u16(tag), u16(type), u32(count), field]);
  });
  return Buffer.concat([latin1('Exif\0\0'), latin1(order), u16(42), u32(8), u16(entries.length), ...fields, u32(0), ...data]);
}

function orientationEntry(order: 'II' | 'MM', value: number, type = 3, count = 1): IfdEntry {
  const bytes = Buffer.alloc(2);
  if (order === 'II') bytes.writeUInt16LE(value);
  else bytes.writeUInt16BE(value);
  return { tag: 0x0112, type, count, value: bytes };
}

function artistEntry(): IfdEntry {
  const value = Buffer.from(`${NAME}\0`, 'utf8');
  return { tag: 0x013b, type: 2, count: value.length, value };
}

/** What the module writes in place of an Exif block whose Orientation is not 1 (hand-assembled: APP1, length 34, big-endian TIFF, one IFD entry). */
function orientationOnlyApp1(orientation: number): Buffer {
  return Buffer.from(`ffe100224578696600004d4d002a000000080001011200030000000100${orientation.toString(16).padStart(2, '0')}000000000000`, 'hex');
}

const SOI = Buffer.from([0xff, 0xd8]);
const EOI = Buffer.from([0xff, 0xd9]);
const APP0_JFIF = segment(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x02, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]));
const APP2_ICC = segment(0xe2, Buffer.concat([latin1('ICC_PROFILE\0'), Buffer.from([1, 1]), latin1('fake profile bytes')]));
const APP14_ADOBE = segment(0xee, Buffer.concat([latin1('Adobe'), Buffer.from([0, 100, 0, 0, 0, 0, 1])]));
const DQT = segment(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)]));
const SOF0 = segment(0xc0, Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
const DHT = segment(0xc4, Buffer.concat([Buffer.from([0x00]), Buffer.from([0, 1, ...new Array<number>(14).fill(0)]), Buffer.from([0])]));
const DRI = segment(0xdd, Buffer.from([0, 1]));
const SOS = segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0]));
/** Entropy-coded data with byte stuffing (FF 00) and restart markers (FF D0…D7), which belong to the scan. */
const SCAN = Buffer.from([0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd0, 0x78, 0xff, 0x00, 0xff, 0xd1, 0x9a, 0xff, 0xd7, 0xbc]);

const APP1_EXIF = segment(0xe1, exifPayload('MM', [artistEntry()]));
const APP1_XMP = segment(0xe1, Buffer.concat([latin1('http://ns.adobe.com/xap/1.0/\0'), Buffer.from(`<dc:creator>${NAME}</dc:creator>`, 'utf8')]));
const APP2_MPF = segment(0xe2, Buffer.concat([latin1('MPF\0MM\0*'), Buffer.from(NAME, 'utf8')]));
const APP11_C2PA = segment(0xeb, Buffer.concat([latin1('JP\0\0\0\0\0\x01jumb c2pa '), Buffer.from(NAME, 'utf8')]));
const APP12_DUCKY = segment(0xec, Buffer.concat([latin1('Ducky\0\x04'), Buffer.from(NAME, 'utf16le')]));
const APP13_IPTC = segment(0xed, Buffer.concat([latin1('Photoshop 3.0\x008BIM\x04\x04\0\0\0\0\0\x13\x1c\x02\x50\0\x0f'), Buffer.from(NAME, 'utf8')]));
const APP14_OTHER = segment(0xee, Buffer.from(`Other ${NAME}`, 'utf8'));
const APP15 = segment(0xef, Buffer.from(NAME, 'utf8'));
const COM = segment(0xfe, Buffer.from(`Photo: ${NAME}`, 'utf8'));

t.test('JPEG: Exif, XMP, IPTC, C2PA, Ducky, MPF and comments go; what the decoder needs stays byte for byte', async (t) => {
  const input = Buffer.concat([
    SOI, APP0_JFIF, APP1_EXIF, APP1_XMP, APP2_ICC, APP2_MPF, APP11_C2PA, APP12_DUCKY, APP13_IPTC, APP14_ADOBE, APP14_OTHER, APP15, COM,
    DQT, SOF0, DHT, DRI, SOS, SCAN, EOI,
  ]);
  t.ok(mentionsName(input), 'the input names the photographer');
  const output = accepted(await withoutIdentifyingMetadata('image/jpeg', input));
  t.same(output, Buffer.concat([SOI, APP0_JFIF, APP2_ICC, APP14_ADOBE, DQT, SOF0, DHT, DRI, SOS, SCAN, EOI]));
  t.notOk(mentionsName(output), 'no trace of the name');
});

t.test('JPEG: segments between and after scans are walked too (progressive files), and metadata there goes as well', async (t) => {
  const secondScan = Buffer.from([0x01, 0xff, 0x00, 0x02]);
  const input = Buffer.concat([SOI, DQT, SOF0, DHT, SOS, SCAN, COM, DHT, SOS, secondScan, APP1_XMP, EOI]);
  t.same(accepted(await withoutIdentifyingMetadata('image/jpeg', input)), Buffer.concat([SOI, DQT, SOF0, DHT, SOS, SCAN, DHT, SOS, secondScan, EOI]));
});

t.test('JPEG: fill bytes before markers are dropped, standalone markers are kept without a length, bytes after EOI are dropped', async (t) => {
  const fill = Buffer.from([0xff, 0xff, 0xff]);
  const tem = Buffer.from([0xff, 0x01]);
  const rstOutsideScan = Buffer.from([0xff, 0xd3]);
  const afterEoi = Buffer.concat([SOI, APP1_EXIF, latin1(`second image of ${NAME}`)]);
  const input = Buffer.concat([SOI, fill, DQT, tem, fill, COM, rstOutsideScan, SOF0, fill, SOS, SCAN, fill, EOI, afterEoi]);
  const output = accepted(await withoutIdentifyingMetadata('image/jpeg', input));
  t.same(output, Buffer.concat([SOI, DQT, tem, rstOutsideScan, SOF0, SOS, SCAN, EOI]));
  t.notOk(mentionsName(output));
});

t.test('JPEG: an Exif Orientation other than 1 survives as a fresh Exif block holding only it', async (t) => {
  t.equal(orientationOnlyApp1(6).length, 36, 'the hand-assembled block: 4 bytes of marker and length, 6 of "Exif\\0\\0", 26 of TIFF');
  for (const order of ['MM', 'II'] as const) {
    for (let orientation = 2; orientation <= 8; orientation++) {
      const exif = segment(0xe1, exifPayload(order, [artistEntry(), orientationEntry(order, orientation)]));
      const input = Buffer.concat([SOI, APP0_JFIF, exif, COM, DQT, SOF0, SOS, SCAN, EOI]);
      const output = accepted(await withoutIdentifyingMetadata('image/jpeg', input));
      t.same(output, Buffer.concat([SOI, APP0_JFIF, orientationOnlyApp1(orientation), DQT, SOF0, SOS, SCAN, EOI]), `${order}, orientation ${orientation}`);
      t.notOk(mentionsName(output), `${order}, orientation ${orientation}: the Artist is gone`);
      t.same(accepted(await withoutIdentifyingMetadata('image/jpeg', output)), output, `${order}, orientation ${orientation}: the fresh block reads back the same`);
    }
  }
});

t.test('JPEG: an Exif block with orientation 1, or one that cannot be read, is dropped whole', async (t) => {
  const artistOnly = exifPayload('II', [artistEntry()]);
  const truncatedIfd = Buffer.from(artistOnly.subarray(0, 6 + 8 + 2 + 12));
  truncatedIfd.writeUInt16LE(3, 6 + 8); // three entries claimed, one present
  const badIfdOffset = Buffer.from(exifPayload('MM', [orientationEntry('MM', 6)]));
  badIfdOffset.writeUInt32BE(0xffff, 6 + 4);
  const badMagic = Buffer.from(exifPayload('MM', [orientationEntry('MM', 6)]));
  badMagic.writeUInt16BE(43, 6 + 2);
  const badOrder = Buffer.from(exifPayload('MM', [orientationEntry('MM', 6)]));
  badOrder.write('XX', 6, 'latin1');
  const notExif = Buffer.from(exifPayload('MM', [orientationEntry('MM', 6)]));
  notExif.write('Exit', 0, 'latin1');
  const cases: [string, Buffer][] = [
    ['orientation 1 (the default needs no block)', exifPayload('MM', [orientationEntry('MM', 1), artistEntry()])],
    ['orientation 0 is out of range', exifPayload('MM', [orientationEntry('MM', 0)])],
    ['orientation 9 is out of range', exifPayload('II', [orientationEntry('II', 9)])],
    ['orientation as a LONG', exifPayload('II', [orientationEntry('II', 6, 4)])],
    ['orientation with a count of 2', exifPayload('MM', [orientationEntry('MM', 6, 3, 2)])],
    ['no orientation entry', artistOnly],
    ['an IFD that claims more entries than it holds', truncatedIfd],
    ['an IFD offset past the end', badIfdOffset],
    ['a TIFF magic of 43', badMagic],
    ['a byte order neither II nor MM', badOrder],
    ['a TIFF header shorter than 8 bytes', latin1('Exif\0\0II*\0')],
    ['"Exif\\0\\0" and nothing else', latin1('Exif\0\0')],
    ['not an Exif header', notExif],
    ['an empty APP1', Buffer.alloc(0)],
  ];
  for (const [name, payload] of cases) {
    const input = Buffer.concat([SOI, segment(0xe1, payload), DQT, SOF0, SOS, SCAN, EOI]);
    t.same(accepted(await withoutIdentifyingMetadata('image/jpeg', input)), Buffer.concat([SOI, DQT, SOF0, SOS, SCAN, EOI]), name);
  }
});

t.test('JPEG: a file the walker cannot vouch for is refused with a reason', async (t) => {
  const strip = async (bytes: Buffer) => refused(await withoutIdentifyingMetadata('image/jpeg', bytes));
  t.equal(await strip(Buffer.alloc(0)), 'jpeg: no SOI marker', 'empty');
  t.equal(await strip(Buffer.from([0xff, 0xd8, 0xff])), 'jpeg: no SOI marker', 'shorter than 4 bytes');
  t.equal(await strip(Buffer.concat([Buffer.from([0xff, 0xd9]), DQT, SOS, SCAN, EOI])), 'jpeg: no SOI marker', 'starts with EOI');
  t.equal(await strip(png(IHDR, IDAT, IEND)), 'jpeg: no SOI marker', 'a PNG');
  t.equal(await strip(Buffer.concat([SOI, Buffer.from([0x00, 0x00]), EOI])), 'jpeg: expected a marker at byte 2');
  t.equal(await strip(Buffer.concat([SOI, DQT, Buffer.from([0x12]), SOS, SCAN, EOI])), `jpeg: expected a marker at byte ${2 + DQT.length}`, 'a stray byte between segments');
  t.equal(await strip(Buffer.concat([SOI, DQT, SOF0])), `jpeg: expected a marker at byte ${2 + DQT.length + SOF0.length}`, 'no EOI, the file ends after a segment');
  t.equal(await strip(Buffer.concat([SOI, DQT, Buffer.from([0xff, 0xff])])), 'jpeg: the file ends before EOI', 'only fill bytes at the end');
  t.equal(await strip(Buffer.concat([SOI, DQT, EOI])), 'jpeg: no scan before EOI');
  t.equal(await strip(Buffer.concat([SOI, EOI])), 'jpeg: no scan before EOI', 'SOI and EOI alone');
  t.equal(await strip(Buffer.concat([SOI, DQT, Buffer.from([0xff, 0x00]), SOS, SCAN, EOI])), `jpeg: unexpected marker 0x0 at byte ${2 + DQT.length}`, 'a stuffed zero outside a scan');
  t.equal(await strip(Buffer.concat([SOI, DQT, SOI, SOS, SCAN, EOI])), `jpeg: unexpected marker 0xd8 at byte ${2 + DQT.length}`, 'a second SOI');
  t.equal(await strip(Buffer.concat([SOI, DQT, Buffer.from([0xff, 0xdb, 0x00])])), 'jpeg: the file ends inside a segment', 'a length field cut in half');
  t.equal(await strip(Buffer.concat([SOI, Buffer.from([0xff, 0xfe, 0x00, 0x01]), SOS, SCAN, EOI])), 'jpeg: segment 0xfe runs past the end of the file', 'a length below 2');
  t.equal(await strip(Buffer.concat([SOI, DQT.subarray(0, 20)])), 'jpeg: segment 0xdb runs past the end of the file', 'cut inside a segment');
  t.equal(await strip(Buffer.concat([SOI, APP1_EXIF.subarray(0, APP1_EXIF.length - 1)])), 'jpeg: segment 0xe1 runs past the end of the file', 'cut inside a segment that would be dropped');
  t.equal(await strip(Buffer.concat([SOI, DQT, SOF0, SOS, SCAN])), 'jpeg: the file ends inside a scan', 'no EOI after the scan');
  t.equal(await strip(Buffer.concat([SOI, DQT, SOF0, SOS, SCAN, Buffer.from([0xff])])), 'jpeg: the file ends inside a scan', 'a lone 0xFF at the end of a scan');
  t.equal(await strip(Buffer.concat([SOI, SOS])), 'jpeg: the file ends inside a scan', 'SOS at the very end');
});

type JpegPart = { bytes: Buffer; kept: boolean; fill: number };

const applicationSegment: fc.Arbitrary<JpegPart> = fc
  .tuple(fc.integer({ min: 0xe0, max: 0xef }), fc.constantFrom('', 'ICC_PROFILE\0', 'Adobe', 'http://ns.adobe.com/xap/1.0/\0'), fc.uint8Array({ maxLength: 10 }), fc.nat(2))
  .map(([marker, prefix, rest, fill]) => {
    const payload = Buffer.concat([latin1(prefix), rest]);
    const kept = marker === 0xe0 || (marker === 0xe2 && prefix === 'ICC_PROFILE\0') || (marker === 0xee && prefix === 'Adobe');
    return { bytes: segment(marker, payload), kept, fill };
  });
const otherSegment: fc.Arbitrary<JpegPart> = fc
  .tuple(fc.constantFrom(0xfe, 0xdb, 0xc4, 0xdd, 0xc0, 0xc2), fc.uint8Array({ maxLength: 10 }), fc.nat(2))
  .map(([marker, payload, fill]) => ({ bytes: segment(marker, payload), kept: marker !== 0xfe, fill }));
/** Entropy-coded bytes: any byte, 0xFF always stuffed or followed by a restart marker. */
const scanData = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 0xfe }).map((b) => [b]), fc.constant([0xff, 0x00]), fc.integer({ min: 0xd0, max: 0xd7 }).map((m) => [0xff, m])), { maxLength: 16 })
  .map((parts) => Buffer.from(parts.flat()));

t.test('JPEG: for any segment list, exactly the allow-listed segments survive, in order, and a second pass changes nothing', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.oneof(applicationSegment, otherSegment), { maxLength: 8 }), scanData, fc.uint8Array({ maxLength: 8 }), async (parts, scan, trailer) => {
      const withFill = (part: JpegPart) => Buffer.concat([Buffer.alloc(part.fill, 0xff), part.bytes]);
      const input = Buffer.concat([SOI, ...parts.map(withFill), SOS, scan, EOI, trailer]);
      const expected = Buffer.concat([SOI, ...parts.filter((p) => p.kept).map((p) => p.bytes), SOS, scan, EOI]);
      const once = accepted(await withoutIdentifyingMetadata('image/jpeg', input));
      const twice = accepted(await withoutIdentifyingMetadata('image/jpeg', once));
      return once.equals(expected) && twice.equals(once);
    }),
    { numRuns: 150 },
  );
  t.pass('150 random segment lists');
});

// ---------------------------------------------------------------------------------------------
// PDF

const CONTENTS = PDFName.of('Contents');

/** Every byte a reader could get at: the file, every stream decoded, every string decoded. */
function pdfMentionsName(bytes: Uint8Array, document: PDFDocument): boolean {
  if (mentionsName(bytes)) return true;
  const texts: string[] = [];
  const streams: Uint8Array[] = [];
  const visit = (object: PDFObject | undefined, depth: number): void => {
    if (object === undefined || depth > 20) return;
    if (object instanceof PDFString || object instanceof PDFHexString) texts.push(object.decodeText());
    else if (object instanceof PDFArray) object.asArray().forEach((item) => visit(item, depth + 1));
    else if (object instanceof PDFDict) [...object.values()].forEach((value) => visit(value, depth + 1));
    else if (object instanceof PDFStream) {
      visit(object.dict, depth + 1);
      if (object instanceof PDFRawStream) streams.push(decodePDFRawStream(object).decode());
    }
  };
  for (const [, object] of document.context.enumerateIndirectObjects()) visit(object, 0);
  return streams.some(mentionsName) || texts.some((text) => /Jana|Nov[aá]k/i.test(text));
}

async function load(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false });
}

/** The decoded content streams of each page, concatenated. */
function pageContents(document: PDFDocument): Buffer[] {
  const context = document.context;
  return document.getPages().map((page) => {
    const contents = context.lookup(page.node.get(CONTENTS));
    const parts = contents instanceof PDFArray ? contents.asArray().map((part) => context.lookup(part)) : [contents];
    return Buffer.concat(parts.map((part) => (part instanceof PDFRawStream ? decodePDFRawStream(part).decode() : new Uint8Array(0))));
  });
}

/** The operator pdf-lib writes to show a line of WinAnsi text with a standard font. */
function showText(text: string): Buffer {
  return latin1(`<${latin1(text).toString('hex').toUpperCase()}> Tj`);
}

function annotationsOf(document: PDFDocument, pageIndex: number): PDFDict[] {
  const context = document.context;
  const annotations = context.lookup(document.getPage(pageIndex).node.get(PDFName.of('Annots')));
  if (!(annotations instanceof PDFArray)) return [];
  return annotations.asArray().map((entry) => context.lookup(entry)).filter((entry): entry is PDFDict => entry instanceof PDFDict);
}

function xmp(creator: string): Buffer {
  return Buffer.from(
    `<?xpacket begin="\u{FEFF}"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
      `<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>${creator}</rdf:li></rdf:Seq></dc:creator></rdf:Description>` +
      `</rdf:RDF></x:xmpmeta><?xpacket end="w"?>`,
    'utf8',
  );
}

/**
 * Two pages of text; Info with the name in every field; XMP (uncompressed) in the catalog, a compressed one on page 1, one on an
 * image XObject's stream dictionary; PieceInfo (direct dictionary) on page 2; on page 1 a text note and a free-text annotation
 * by the author and a widget whose /T is a field name.
 */
async function identifyingPdf(useObjectStreams: boolean): Promise<Buffer> {
  const document = await PDFDocument.create({ updateMetadata: false });
  const context = document.context;
  document.setAuthor(NAME);
  document.setCreator(`Writer (${NAME})`);
  document.setProducer(`Producer for ${NAME}`);
  document.setTitle(`Proposal by ${NAME}`);
  document.setSubject(NAME);
  document.setKeywords(['grant', NAME]);
  const font = await document.embedFont(StandardFonts.Helvetica);
  const first = document.addPage([300, 300]);
  first.drawText('Proposal: page one', { font, x: 20, y: 250, size: 12 });
  const second = document.addPage([300, 300]);
  second.drawText('Budget: page two', { font, x: 20, y: 250, size: 12 });

  document.catalog.set(PDFName.of('Metadata'), context.register(context.stream(xmp(NAME), { Type: 'Metadata', Subtype: 'XML' })));
  first.node.set(PDFName.of('Metadata'), context.register(context.flateStream(xmp(NAME), { Type: 'Metadata', Subtype: 'XML' })));
  const imageMetadata = context.register(context.stream(xmp(NAME), { Type: 'Metadata', Subtype: 'XML' }));
  const image = context.stream(Buffer.from([0x80]), { Type: 'XObject', Subtype: 'Image', Width: 1, Height: 1, ColorSpace: 'DeviceGray', BitsPerComponent: 8, Metadata: imageMetadata });
  first.node.setXObject(PDFName.of('Im1'), context.register(image));
  second.node.set(PDFName.of('PieceInfo'), context.obj({ Illustrator: { LastModified: PDFString.of('D:20260101'), Private: { Owner: PDFHexString.fromText(NAME) } } }));
  second.node.delete(PDFName.of('Annots'));

  const note = context.obj({ Type: 'Annot', Subtype: 'Text', Rect: [10, 10, 30, 30], T: PDFHexString.fromText(NAME), Contents: PDFString.of('Check the budget') });
  const widget = context.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Tx', Rect: [40, 10, 140, 30], T: PDFString.of('budget_total'), V: PDFString.of('12000') });
  const freeText = context.obj({ Type: 'Annot', Subtype: 'FreeText', Rect: [10, 40, 90, 60], T: PDFString.of(NAME), Contents: PDFString.of('Typo here'), DA: PDFString.of('/Helv 10 Tf') });
  first.node.set(PDFName.of('Annots'), context.register(context.obj([context.register(note), context.register(widget), freeText])));

  const saved = await document.save({ useObjectStreams, addDefaultPage: false, updateFieldAppearances: false });
  return Buffer.from(saved);
}

for (const useObjectStreams of [false, true]) {
  t.test(`PDF (${useObjectStreams ? 'object streams, cross-reference stream' : 'classic cross-reference table'}): Info, XMP, PieceInfo and annotation authors go; pages, text, forms stay`, async (t) => {
    const input = await identifyingPdf(useObjectStreams);
    const before = await load(input);
    t.ok(pdfMentionsName(input, before), 'the input names the author');
    t.equal(before.getAuthor(), NAME, 'the fixture as built');
    t.equal(input.includes(latin1('/ObjStm')), useObjectStreams, useObjectStreams ? 'the input has object streams' : 'the input has none');

    const output = accepted(await withoutIdentifyingMetadata('application/pdf', input));
    const after = await load(output);
    t.notOk(mentionsName(output), 'the name is nowhere in the raw bytes');
    t.notOk(pdfMentionsName(output, after), 'nor in any decoded stream or string');

    // Before the getters below: pdf-lib's getInfoDict() registers an empty Info when there is none.
    t.equal(after.context.trailerInfo.Info, undefined, 'the trailer has no /Info');
    t.notOk(output.includes(latin1('/Info')), 'not a word of it');
    for (const read of ['getAuthor', 'getCreator', 'getProducer', 'getTitle', 'getSubject', 'getKeywords'] as const) {
      t.equal(after[read](), undefined, `${read}() finds nothing`);
    }
    t.equal(after.catalog.get(PDFName.of('Metadata')), undefined, 'the catalog has no /Metadata');
    t.equal(after.getPage(0).node.get(PDFName.of('Metadata')), undefined, 'page 1 has no /Metadata');
    t.equal(after.getPage(1).node.get(PDFName.of('PieceInfo')), undefined, 'page 2 has no /PieceInfo');
    const image = after.context.lookup(after.getPage(0).node.Resources()?.lookup(PDFName.of('XObject'), PDFDict).get(PDFName.of('Im1')));
    t.ok(image instanceof PDFStream, 'the image is still there');
    t.equal((image as PDFStream).dict.get(PDFName.of('Metadata')), undefined, 'without its /Metadata');
    t.same(Buffer.from((image as PDFRawStream).getContents()), Buffer.from([0x80]), 'and with its pixel');

    t.equal(after.getPageCount(), 2);
    t.same(after.getPages().map((page) => page.getSize()), [{ width: 300, height: 300 }, { width: 300, height: 300 }]);
    const contents = pageContents(after);
    t.same(contents, pageContents(before), 'each page draws the same operators');
    t.ok(contents[0]!.includes(showText('Proposal: page one')), 'page 1 shows its text');
    t.ok(contents[1]!.includes(showText('Budget: page two')), 'page 2 shows its text');

    const annotations = annotationsOf(after, 0);
    t.same(annotations.map((a) => a.get(PDFName.of('Subtype'))?.toString()), ['/Text', '/Widget', '/FreeText'], 'every annotation is kept');
    t.same(annotations.map((a) => a.lookup(PDFName.of('T'))?.toString()), [undefined, '(budget_total)', undefined], "markup authors gone, the widget's field name kept");
    t.same(annotations.map((a) => a.lookup(PDFName.of('Contents'))?.toString()), ['(Check the budget)', undefined, '(Typo here)'], 'the annotations say what they said');

    t.ok(output.includes(latin1('\nxref\n')), 'written with a classic cross-reference table');
    t.notOk(output.includes(latin1('/ObjStm')), 'and no object stream');
    t.ok(output.subarray(-6).toString('latin1').includes('%%EOF'));
    // Only the trailer's /Size may differ: pdf-lib writes the highest object number it has allocated, plus one.
    const withoutSize = (bytes: Buffer) => bytes.toString('latin1').replace(/\/Size \d+/, '/Size _');
    const again = accepted(await withoutIdentifyingMetadata('application/pdf', output));
    t.equal(withoutSize(again), withoutSize(output), 'a second pass finds nothing more to remove');
  });
}

t.test('PDF: objects of an earlier revision that nothing refers to any more are not written', async (t) => {
  const base = await identifyingPdf(false);
  const text = base.toString('latin1');
  const root = /\/Root (\d+) 0 R/.exec(text)![1];
  const size = Number(/\/Size (\d+)/.exec(text)![1]);
  const previous = /startxref\s+(\d+)/.exec(text)![1];
  // An incremental update whose new Info no longer names the author; the old Info object stays in the file.
  const object = `${size} 0 obj\n<< /Title (Proposal) >>\nendobj\n`;
  const objectOffset = base.length + 1;
  const xrefOffset = objectOffset + object.length;
  const update =
    `\n${object}xref\n0 1\n0000000000 65535 f \n${size} 1\n${String(objectOffset).padStart(10, '0')} 00000 n \n` +
    `trailer\n<< /Size ${size + 1} /Root ${root} 0 R /Info ${size} 0 R /Prev ${previous} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  const input = Buffer.concat([base, latin1(update)]);
  const before = await load(input);
  t.equal(before.getTitle(), 'Proposal', 'a reader sees the updated Info');
  t.ok(pdfMentionsName(input, before), 'the old Info is still in the bytes');

  const output = accepted(await withoutIdentifyingMetadata('application/pdf', input));
  const after = await load(output);
  t.notOk(pdfMentionsName(output, after));
  t.equal(after.getTitle(), undefined);
  t.equal(after.getPageCount(), 2);
});

t.test('PDF: a file encrypted only against printing or copying opens with the empty password and is saved decrypted', async (t) => {
  const plain = await load(await identifyingPdf(false));
  plain.encrypt({ userPassword: '', ownerPassword: 'owner secret' });
  const input = Buffer.from(await plain.save({ useObjectStreams: false }));
  await t.rejects(PDFDocument.load(input), /encrypted/, 'the input is encrypted');

  const output = accepted(await withoutIdentifyingMetadata('application/pdf', input));
  const after = await load(output);
  t.equal(after.isEncrypted, false, 'the output opens without a password');
  t.notOk(output.includes(latin1('/Encrypt')));
  t.notOk(pdfMentionsName(output, after));
  t.same(pageContents(after), pageContents(await load(await identifyingPdf(false))), 'the pages decrypt to what was drawn');
});

t.test('PDF: a file that needs a password to open is refused', async (t) => {
  const document = await PDFDocument.create({ updateMetadata: false });
  document.addPage();
  document.encrypt({ userPassword: 'applicant', ownerPassword: 'owner' });
  const reason = refused(await withoutIdentifyingMetadata('application/pdf', Buffer.from(await document.save())));
  t.match(reason, /^pdf: /);
});

async function savedWith(edit: (document: PDFDocument) => void, pageCount = 1): Promise<Buffer> {
  const document = await PDFDocument.create({ updateMetadata: false });
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (let index = 0; index < pageCount; index++) document.addPage([100, 100]).drawText(`page ${index + 1}`, { font, x: 10, y: 50 });
  edit(document);
  return Buffer.from(await document.save({ useObjectStreams: false, addDefaultPage: false }));
}

function pageTree(document: PDFDocument): PDFDict {
  return document.catalog.lookup(PDFName.of('Pages'), PDFDict);
}

t.test('PDF: a cut or unparseable file is refused with a reason', async (t) => {
  const strip = async (bytes: Buffer) => refused(await withoutIdentifyingMetadata('application/pdf', bytes));
  const whole = await savedWith(() => undefined);
  t.equal(await strip(Buffer.alloc(0)), 'pdf: no %%EOF near the end, the file is truncated', 'empty');
  t.equal(await strip(whole.subarray(0, Math.floor(whole.length / 2))), 'pdf: no %%EOF near the end, the file is truncated', 'cut in half');
  t.equal(await strip(Buffer.concat([whole, Buffer.alloc(1020, 0x20)])), 'pdf: no %%EOF near the end, the file is truncated', '%%EOF starts 1025 bytes before the end');
  t.equal(accepted(await withoutIdentifyingMetadata('application/pdf', Buffer.concat([whole, Buffer.alloc(1019, 0x20)]))).subarray(0, 5).toString('latin1'), '%PDF-', '%%EOF entirely within the last 1024 bytes is accepted');

  t.match(await strip(latin1('garbage %%EOF')), /^pdf: .*No PDF header found/, 'no header');
  const invalidObject = Buffer.from(whole.toString('latin1').replace('\nxref\n', '\n99 0 obj\n<< /A ) >>\nendobj\nxref\n'), 'latin1');
  t.match(await strip(invalidObject), /^pdf: .*invalid object/, 'an object pdf-lib cannot parse is not copied through unexamined');
  t.equal(await strip(latin1('%PDF-1.7\n%%EOF\n')), 'pdf: no document catalog', 'no trailer at all');
  t.equal(await strip(latin1('%PDF-1.7\n1 0 obj\n42\nendobj\ntrailer\n<< /Root 1 0 R /Size 2 >>\n%%EOF\n')), 'pdf: no document catalog', 'a /Root that is a number');
});

t.test('PDF: a page tree that lost pages, or holds none, is refused', async (t) => {
  const strip = async (bytes: Buffer) => refused(await withoutIdentifyingMetadata('application/pdf', bytes));
  t.equal(await strip(await savedWith((d) => pageTree(d).set(PDFName.of('Count'), PDFNumber.of(3)), 2)), 'pdf: the page tree declares 3 pages and holds 2');
  t.equal(await strip(await savedWith((d) => pageTree(d).delete(PDFName.of('Count')))), 'pdf: the page tree declares no pages and holds 1', 'no /Count');
  t.equal(await strip(await savedWith((d) => pageTree(d).set(PDFName.of('Count'), PDFName.of('One')))), 'pdf: the page tree declares no pages and holds 1', 'a /Count that is not a number');
  t.equal(await strip(await savedWith(() => undefined, 0)), 'pdf: the page tree declares 0 pages and holds 0', 'no page at all');
  const broken = await savedWith((d) => d.catalog.set(PDFName.of('Pages'), PDFNumber.of(7)));
  t.match(await strip(broken), /^unexpected failure: /, 'a /Pages that is not a dictionary withholds the file');
});

t.test('PDF: a page whose content stream is missing is refused; one without /Contents is a blank page', async (t) => {
  const strip = async (bytes: Buffer) => refused(await withoutIdentifyingMetadata('application/pdf', bytes));
  const missing = 'pdf: a page refers to a content stream that is not in the file';
  const onSecondPage = (contents: (document: PDFDocument) => PDFObject) => savedWith((d) => d.getPage(1).node.set(CONTENTS, contents(d)), 2);
  t.equal(await strip(await onSecondPage(() => PDFRef.of(9999))), missing, 'a reference to no object');
  t.equal(await strip(await onSecondPage((d) => d.context.obj([d.getPage(0).node.get(CONTENTS) as PDFArray, PDFRef.of(9999)].flatMap((c) => (c instanceof PDFArray ? c.asArray() : [c]))))), missing, 'an array with one part missing');
  t.equal(await strip(await onSecondPage(() => PDFNumber.of(12))), missing, 'a number');
  t.equal(await strip(await onSecondPage((d) => d.context.register(d.context.obj({ Length: 0 })))), missing, 'a reference to a dictionary, not a stream');

  const blank = await savedWith((d) => d.addPage([100, 100]).node.delete(CONTENTS), 1);
  const output = accepted(await withoutIdentifyingMetadata('application/pdf', blank));
  const after = await load(output);
  t.equal(after.getPageCount(), 2);
  t.equal(after.getPage(1).node.get(CONTENTS), undefined, 'the blank page stays blank');

  const direct = await savedWith((d) => {
    const stream = d.context.lookup((d.getPage(0).node.get(CONTENTS) as PDFArray).get(0));
    d.getPage(0).node.set(CONTENTS, d.context.obj([stream as PDFStream, d.context.register(d.context.stream('0 0 m'))]));
  });
  const kept = await load(accepted(await withoutIdentifyingMetadata('application/pdf', direct)));
  t.match(pageContents(kept)[0]!.toString('latin1'), /Tj[\s\S]*0 0 m$/, 'an array of a direct stream and a referenced one is accepted and kept');

  const single = await savedWith((d) => d.getPage(0).node.set(CONTENTS, (d.getPage(0).node.get(CONTENTS) as PDFArray).get(0)));
  const singleKept = await load(accepted(await withoutIdentifyingMetadata('application/pdf', single)));
  t.ok(singleKept.getPage(0).node.get(CONTENTS) instanceof PDFRef, 'a /Contents that refers to one stream is accepted');
  t.ok(pageContents(singleKept)[0]!.includes(showText('page 1')), 'with its text');
});

t.test('PDF: dangling references and annotations that are not dictionaries are tolerated', async (t) => {
  const input = await savedWith((d) => {
    const context = d.context;
    const note = context.obj({ Type: 'Annot', Subtype: 'Text', Rect: [0, 0, 10, 10], T: PDFHexString.fromText(NAME), Popup: PDFRef.of(9998) });
    d.getPage(0).node.set(PDFName.of('Annots'), context.obj([PDFRef.of(9999), PDFNumber.of(3), context.register(note)]));
    d.catalog.set(PDFName.of('Outlines'), PDFRef.of(9997));
  });
  const output = accepted(await withoutIdentifyingMetadata('application/pdf', input));
  const after = await load(output);
  t.notOk(pdfMentionsName(output, after));
  const annots = after.context.lookup(after.getPage(0).node.get(PDFName.of('Annots')), PDFArray);
  t.equal(annots.size(), 3, 'the array is written as it was');
  t.same(annotationsOf(after, 0).map((a) => a.get(PDFName.of('T'))), [undefined], 'the note lost its author');
});
