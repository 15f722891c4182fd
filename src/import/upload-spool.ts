import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PayloadTooLargeException } from '@nestjs/common';
import busboy from 'busboy';
import type { Request } from 'express';
import { invalid } from '../common/errors/domain-errors.js';

export interface SpooledUpload {
  path: string;
  bytes: number;
  /** The uploaded file's own name (multipart), for the operation's record. */
  name: string | null;
}

export const SPOOL_DIR = path.join(tmpdir(), 'pai-imports');

class TooLarge extends Error {}

/**
 * Writes the request's file to a temporary file as it arrives, never holding it in memory:
 * a multipart upload's first file part, or the raw body. More than maxBytes is a 413.
 */
export async function spoolUpload(request: Request, maxBytes: number): Promise<SpooledUpload> {
  const tooLarge = () =>
    new PayloadTooLargeException(`the file is larger than IMPORT_MAX_BYTES (${maxBytes} bytes)`);
  if (Number(request.headers['content-length'] ?? 0) > maxBytes) {
    request.resume();
    throw tooLarge();
  }
  if (
    request.headers['transfer-encoding'] === undefined &&
    !Number(request.headers['content-length'] ?? 0)
  ) {
    throw invalid('no file: send it as multipart/form-data (field "file") or as the request body');
  }
  await mkdir(SPOOL_DIR, { recursive: true, mode: 0o700 });
  const target = path.join(SPOOL_DIR, `import-${randomUUID()}`);
  try {
    const upload = request.is('multipart/form-data')
      ? await spoolMultipart(request, target, maxBytes)
      : { bytes: await spool(request, target, maxBytes), name: null };
    if (upload.bytes === 0) throw invalid('the file is empty');
    return { path: target, ...upload };
  } catch (error) {
    await unlink(target).catch(() => undefined);
    // Whatever is left of the body is read and dropped, so the client gets to read the answer.
    request.unpipe();
    request.resume();
    if (error instanceof TooLarge) throw tooLarge();
    throw error;
  }
}

async function spool(source: Readable, target: string, maxBytes: number): Promise<number> {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback(bytes > maxBytes ? new TooLarge() : null, chunk);
    },
  });
  await pipeline(source, counter, createWriteStream(target, { mode: 0o600 }));
  return bytes;
}

function spoolMultipart(
  request: Request,
  target: string,
  maxBytes: number,
): Promise<{ bytes: number; name: string | null }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        limits: { files: 1, fields: 20, fileSize: maxBytes + 1 },
      });
    } catch (error) {
      reject(invalid(`not a valid multipart body: ${(error as Error).message}`));
      return;
    }
    let written: Promise<{ bytes: number; name: string | null }> | null = null;
    parser.on('file', (_field, stream, info) => {
      written = spool(stream, target, maxBytes).then((bytes) => ({
        bytes,
        name: info.filename ?? null,
      }));
      // A failed spool must not leave busboy waiting on a stream nobody reads.
      written.catch(() => stream.resume());
    });
    parser.on('error', (error: Error) =>
      reject(invalid(`not a valid multipart body: ${error.message}`)),
    );
    parser.on('close', () => {
      if (!written)
        reject(
          invalid('no file part in the multipart body (send the file in a field named "file")'),
        );
      else written.then(resolve, reject);
    });
    request.pipe(parser);
  });
}
