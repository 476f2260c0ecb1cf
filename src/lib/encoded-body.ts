import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { Negotiator } from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Smallest body compressed (for @fastify/compress in src/app.ts and for `EncodedBody`): 1 KiB,
 * its default. A competition (~3 KiB) and a page of a list (~12 KiB) are above it.
 */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

export type ContentCoding = 'br' | 'gzip';

// The same preference and quality as the app's @fastify/compress: br (quality 4), then gzip.
const negotiator = new Negotiator<ContentCoding>({ supportedValues: ['br', 'gzip'], cache: new Map() });

/**
 * A serialised answer kept with its compressed forms, each made once when first asked for: a
 * read served from a kept view then costs no serialisation and no compression
 * (docs/read-path.md).
 */
export interface EncodedBody {
  json: string;
  /** Bytes of `json` in UTF-8. */
  bytes: number;
  br?: Buffer;
  gzip?: Buffer;
}

export function encodedBody(json: string): EncodedBody {
  return { json, bytes: Buffer.byteLength(json) };
}

/** The coding to send `body` in for this `Accept-Encoding`, if any. */
export function codingFor(acceptEncoding: string | undefined, body: EncodedBody): ContentCoding | undefined {
  if (!acceptEncoding || body.bytes < COMPRESSION_THRESHOLD_BYTES) return undefined;
  return negotiator.negotiate(acceptEncoding) ?? undefined;
}

export function encodedAs(body: EncodedBody, coding: ContentCoding): Buffer {
  if (coding === 'br') return (body.br ??= brotliCompressSync(body.json, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }));
  return (body.gzip ??= gzipSync(body.json));
}

/**
 * Sends a kept answer as JSON, compressed when the client accepts it (@fastify/compress leaves
 * an answer that has a coding alone), with its ETag when it carries one.
 */
export function sendKept(request: FastifyRequest, reply: FastifyReply, body: EncodedBody & { etag?: string }): FastifyReply {
  if (body.etag !== undefined) reply.header('etag', body.etag);
  reply.type('application/json; charset=utf-8');
  const coding = codingFor(request.headers['accept-encoding'], body);
  if (coding === undefined) return reply.send(body.json);
  return reply.header('content-encoding', coding).send(encodedAs(body, coding));
}
