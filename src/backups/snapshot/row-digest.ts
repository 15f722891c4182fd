import { createHash } from 'node:crypto';

const NEWLINE = 0x0a;
const MASK = (1n << 64n) - 1n;

/**
 * A checksum of a table's rows that does not depend on their order: the sum of each row's
 * SHA-256 (two 64-bit lanes). COPY returns rows in physical order, which a restore does
 * not preserve, and sorting a million rows to hash them would cost more than the backup.
 */
export class RowDigest {
  private high = 0n;
  private low = 0n;
  private carry: Buffer = Buffer.alloc(0);
  rows = 0;

  add(line: Buffer): void {
    const hash = createHash('sha256').update(line).digest();
    this.high = (this.high + hash.readBigUInt64BE(0)) & MASK;
    this.low = (this.low + hash.readBigUInt64BE(8)) & MASK;
    this.rows++;
  }

  /** Adds every complete line of a COPY stream's chunk; a row split across chunks waits for its end. */
  addLines(chunk: Buffer): void {
    const buffer = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    let start = 0;
    for (let end = buffer.indexOf(NEWLINE); end !== -1; end = buffer.indexOf(NEWLINE, start)) {
      this.add(buffer.subarray(start, end));
      start = end + 1;
    }
    this.carry = buffer.subarray(start);
  }

  get value(): string {
    return this.high.toString(16).padStart(16, '0') + this.low.toString(16).padStart(16, '0');
  }
}
