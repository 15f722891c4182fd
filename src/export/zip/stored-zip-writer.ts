import { crc32 } from 'node:zlib';
import { CentralDirectory } from './central-directory.js';
import {
  dosDateTime,
  MADE_BY_UNIX,
  MAX_16,
  MAX_32,
  UTF8_NAMES,
  VERSION_20,
  VERSION_ZIP64,
} from './zip-format.js';

/** Where the zip's bytes go; BackpressureSink in the export, anything awaitable in tests. */
export interface ZipSink {
  write(chunk: Buffer): Promise<void>;
}

const LOCAL_HEADER = 0x04034b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const END = 0x06054b50;

/**
 * A streaming zip of stored (uncompressed) entries, written for exports of 100,000+ notes in
 * bounded memory. Each entry goes out whole (header and data) as soon as it is added, and the
 * only state kept per entry is its central-directory record as raw bytes (46 bytes and the
 * name). The libraries tried kept 0.7-1.3 KB of objects per entry, and yazl 3.3 also rescans
 * its entry list per entry (quadratic); see the commit that brought this in.
 *
 * Entries are known whole before they are written, so no data descriptors are needed; ZIP64
 * records appear only where a count or offset overflows (more than 65,534 entries or 4 GiB).
 */
export class StoredZipWriter {
  private offset = 0;
  private readonly directory = new CentralDirectory();

  constructor(private readonly sink: ZipSink) {}

  /** Writes one entry and waits for the sink to take it. */
  async add(name: string, data: Buffer, modified: Date): Promise<void> {
    if (data.length >= MAX_32) throw new Error(`zip entry ${name} is larger than 4 GiB`);
    const fileName = Buffer.from(name, 'utf8');
    const { time, date } = dosDateTime(modified);
    const crc = crc32(data);
    const local = Buffer.allocUnsafe(30 + fileName.length + data.length);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(VERSION_20, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    local.writeUInt16LE(0, 28);
    fileName.copy(local, 30);
    data.copy(local, 30 + fileName.length);
    this.directory.add({ fileName, time, date, crc, size: data.length, offset: this.offset });
    this.offset += local.length;
    await this.sink.write(local);
  }

  /** Writes the central directory and the end records; the zip is complete after this. */
  async finish(): Promise<void> {
    const start = this.offset;
    for (const chunk of this.directory.chunks()) {
      await this.sink.write(chunk);
      this.offset += chunk.length;
    }
    const size = this.offset - start;
    const count = this.directory.count;
    const tail: Buffer[] = [];
    if (count >= MAX_16 || start >= MAX_32 || size >= MAX_32)
      tail.push(zip64End(count, size, start, this.offset));
    tail.push(end(count, size, start));
    await this.sink.write(Buffer.concat(tail));
  }
}

/** The ZIP64 end-of-central-directory record and its locator (APPNOTE 4.3.14, 4.3.15). */
function zip64End(count: number, size: number, start: number, recordOffset: number): Buffer {
  const out = Buffer.alloc(56 + 20);
  out.writeUInt32LE(ZIP64_END, 0);
  out.writeBigUInt64LE(44n, 4);
  out.writeUInt16LE(MADE_BY_UNIX | VERSION_ZIP64, 12);
  out.writeUInt16LE(VERSION_ZIP64, 14);
  out.writeBigUInt64LE(BigInt(count), 24);
  out.writeBigUInt64LE(BigInt(count), 32);
  out.writeBigUInt64LE(BigInt(size), 40);
  out.writeBigUInt64LE(BigInt(start), 48);
  out.writeUInt32LE(ZIP64_LOCATOR, 56);
  out.writeBigUInt64LE(BigInt(recordOffset), 64);
  out.writeUInt32LE(1, 72);
  return out;
}

/** The classic end record; a field that overflowed says so and the ZIP64 record holds it. */
function end(count: number, size: number, start: number): Buffer {
  const out = Buffer.alloc(22);
  out.writeUInt32LE(END, 0);
  out.writeUInt16LE(Math.min(count, MAX_16), 8);
  out.writeUInt16LE(Math.min(count, MAX_16), 10);
  out.writeUInt32LE(Math.min(size, MAX_32), 12);
  out.writeUInt32LE(Math.min(start, MAX_32), 16);
  return out;
}
