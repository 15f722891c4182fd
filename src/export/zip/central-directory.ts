import { MADE_BY_UNIX, MAX_32, UTF8_NAMES, VERSION_20, VERSION_ZIP64 } from './zip-format.js';

const CENTRAL_HEADER = 0x02014b50;
const FIXED = 46;
const ZIP64_OFFSET_EXTRA = 4 + 8;
/** -rw-r--r--, a regular file, in the Unix half of the external attributes. */
const REGULAR_FILE = (0o100644 << 16) >>> 0;
const CHUNK = 64 * 1024;

export interface DirectoryEntry {
  fileName: Buffer;
  time: number;
  date: number;
  crc: number;
  size: number;
  offset: number;
}

/**
 * The central directory, kept as the bytes it will be written as, in 64 KiB chunks: about
 * 46 bytes plus the name per entry, and no object per entry for the heap to carry.
 */
export class CentralDirectory {
  count = 0;
  private readonly full: Buffer[] = [];
  private current = Buffer.allocUnsafe(CHUNK);
  private used = 0;

  add(entry: DirectoryEntry): void {
    const zip64 = entry.offset >= MAX_32;
    const extra = zip64 ? ZIP64_OFFSET_EXTRA : 0;
    const length = FIXED + entry.fileName.length + extra;
    if (this.used + length > this.current.length) {
      this.full.push(this.current.subarray(0, this.used));
      this.current = Buffer.allocUnsafe(Math.max(CHUNK, length));
      this.used = 0;
    }
    const out = this.current;
    const at = this.used;
    const version = zip64 ? VERSION_ZIP64 : VERSION_20;
    out.writeUInt32LE(CENTRAL_HEADER, at);
    out.writeUInt16LE(MADE_BY_UNIX | version, at + 4);
    out.writeUInt16LE(version, at + 6);
    out.writeUInt16LE(UTF8_NAMES, at + 8);
    out.writeUInt16LE(0, at + 10); // stored
    out.writeUInt16LE(entry.time, at + 12);
    out.writeUInt16LE(entry.date, at + 14);
    out.writeUInt32LE(entry.crc, at + 16);
    out.writeUInt32LE(entry.size, at + 20);
    out.writeUInt32LE(entry.size, at + 24);
    out.writeUInt16LE(entry.fileName.length, at + 28);
    out.writeUInt16LE(extra, at + 30);
    out.writeUInt16LE(0, at + 32); // comment length
    out.writeUInt16LE(0, at + 34); // disk number
    out.writeUInt16LE(0, at + 36); // internal attributes
    out.writeUInt32LE(REGULAR_FILE, at + 38);
    out.writeUInt32LE(zip64 ? MAX_32 : entry.offset, at + 42);
    entry.fileName.copy(out, at + FIXED);
    if (zip64) {
      // Only the offset overflowed, so the ZIP64 extra field holds only the offset (APPNOTE 4.5.3).
      const field = at + FIXED + entry.fileName.length;
      out.writeUInt16LE(0x0001, field);
      out.writeUInt16LE(8, field + 2);
      out.writeBigUInt64LE(BigInt(entry.offset), field + 4);
    }
    this.used += length;
    this.count += 1;
  }

  /** The directory's bytes, in order. */
  *chunks(): Generator<Buffer> {
    yield* this.full;
    if (this.used > 0) yield this.current.subarray(0, this.used);
  }
}
