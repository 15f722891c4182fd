import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { RowDigest } from './row-digest.js';
import {
  END_OF_DATA,
  SNAPSHOT_FORMAT,
  type SnapshotHeader,
  type SnapshotTableLine,
  type SnapshotTrailer,
  type TableSummary,
} from './snapshot-format.js';

export type SnapshotRecord =
  | { type: 'header'; header: SnapshotHeader }
  | { type: 'table'; table: SnapshotTableLine }
  /** Complete row lines (newlines included) of the current table, ready for COPY FROM. */
  | { type: 'rows'; data: Buffer }
  /** What the rows read for the table actually were, to compare with the trailer. */
  | { type: 'table-end'; table: SnapshotTableLine; read: TableSummary }
  | { type: 'trailer'; trailer: SnapshotTrailer };

const NEWLINE = 0x0a;
const END_LINE = Buffer.from(END_OF_DATA);

export class SnapshotFormatError extends Error {}

function parseControl(line: Buffer): SnapshotHeader | SnapshotTableLine | SnapshotTrailer {
  try {
    return JSON.parse(line.toString('utf8')) as
      SnapshotHeader | SnapshotTableLine | SnapshotTrailer;
  } catch {
    throw new SnapshotFormatError('the snapshot is damaged: a control line is not JSON');
  }
}

/** Streams a snapshot file's records; fails on anything out of place rather than guessing. */
export async function* readSnapshot(file: string): AsyncGenerator<SnapshotRecord> {
  let carry: Buffer = Buffer.alloc(0);
  let table: SnapshotTableLine | undefined;
  let digest = new RowDigest();
  let sawHeader = false;
  let sawTrailer = false;
  const stream = createReadStream(file).pipe(createGunzip());
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const buffer = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    let rowsFrom = -1;
    for (
      let end = buffer.indexOf(NEWLINE, start);
      end !== -1;
      end = buffer.indexOf(NEWLINE, start)
    ) {
      const line = buffer.subarray(start, end);
      if (table) {
        if (line.equals(END_LINE)) {
          if (rowsFrom !== -1) yield { type: 'rows', data: buffer.subarray(rowsFrom, start) };
          rowsFrom = -1;
          yield { type: 'table-end', table, read: { rows: digest.rows, checksum: digest.value } };
          table = undefined;
        } else {
          digest.add(line);
          if (rowsFrom === -1) rowsFrom = start;
        }
      } else {
        if (sawTrailer)
          throw new SnapshotFormatError('the snapshot is damaged: data after its trailer');
        const control = parseControl(line);
        if (!sawHeader) {
          if (control.kind !== 'header' || control.format !== SNAPSHOT_FORMAT)
            throw new SnapshotFormatError('not a PAI snapshot file');
          sawHeader = true;
          yield { type: 'header', header: control };
        } else if (control.kind === 'table') {
          table = control;
          digest = new RowDigest();
          yield { type: 'table', table };
        } else if (control.kind === 'trailer') {
          sawTrailer = true;
          yield { type: 'trailer', trailer: control };
        } else {
          throw new SnapshotFormatError('the snapshot is damaged: unexpected control line');
        }
      }
      start = end + 1;
    }
    if (rowsFrom !== -1) yield { type: 'rows', data: buffer.subarray(rowsFrom, start) };
    carry = buffer.subarray(start);
  }
  if (!sawTrailer || carry.length > 0)
    throw new SnapshotFormatError('the snapshot is truncated: it has no trailer');
}
