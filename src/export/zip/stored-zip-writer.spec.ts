import { describe, expect, it } from '@jest/globals';
import yauzl from 'yauzl';
import { CentralDirectory } from './central-directory.js';
import { StoredZipWriter } from './stored-zip-writer.js';
import { dosDateTime } from './zip-format.js';

interface Read {
  name: string;
  text: string;
  modified: Date;
  mode: number;
}

/** Reads a zip back with yauzl, strict: entry sizes checked, names validated. */
function readBack(
  buffer: Buffer,
  contents = true,
): Promise<{ entries: Read[]; entryCount: number }> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      buffer,
      { lazyEntries: true, strictFileNames: true, validateEntrySizes: true },
      (error, zip) => {
        if (error || !zip) return reject(error ?? new Error('no zip'));
        const entries: Read[] = [];
        zip.on('entry', (entry: yauzl.Entry) => {
          if (!contents) {
            entries.push({
              name: entry.fileName,
              text: '',
              modified: entry.getLastModDate({ timezone: 'UTC' }),
              mode: entry.externalFileAttributes >>> 16,
            });
            return zip.readEntry();
          }
          zip.openReadStream(entry, (streamError, stream) => {
            if (streamError || !stream) return reject(streamError ?? new Error('no stream'));
            const chunks: Buffer[] = [];
            stream.on('data', (chunk: Buffer) => chunks.push(chunk));
            stream.on('error', reject);
            stream.on('end', () => {
              entries.push({
                name: entry.fileName,
                text: Buffer.concat(chunks).toString('utf8'),
                modified: entry.getLastModDate({ timezone: 'UTC' }),
                mode: entry.externalFileAttributes >>> 16,
              });
              zip.readEntry();
            });
          });
        });
        zip.on('end', () => resolve({ entries, entryCount: zip.entryCount }));
        zip.on('error', reject);
        zip.readEntry();
      },
    );
  });
}

/** A sink that keeps every chunk and counts the writes, as the export's BackpressureSink would take them. */
function memorySink() {
  const chunks: Buffer[] = [];
  return {
    chunks,
    write: async (chunk: Buffer) => void chunks.push(Buffer.from(chunk)),
    bytes: () => Buffer.concat(chunks),
  };
}

describe('StoredZipWriter', () => {
  it('writes entries a strict reader opens, with UTF-8 names, contents, UTC dates and a regular file mode', async () => {
    const sink = memorySink();
    const zip = new StoredZipWriter(sink);
    await zip.add(
      'thoughts/2026-03-04 Émile 🚀 notes.md',
      Buffer.from('---\nid: "a"\n---\nHello ünïcode 🚀\n'),
      new Date('2026-03-04T10:20:31Z'),
    );
    await zip.add('tasks.md', Buffer.from('# Tasks\n'), new Date('2026-03-05T00:00:00Z'));
    await zip.add('empty.md', Buffer.alloc(0), new Date('2026-03-05T00:00:00Z'));
    // Nothing of an entry is held back: its bytes reach the sink as soon as it is added.
    expect(sink.chunks).toHaveLength(3);
    await zip.finish();

    const { entries, entryCount } = await readBack(sink.bytes());
    expect(entryCount).toBe(3);
    expect(entries.map((entry) => [entry.name, entry.text])).toEqual([
      ['thoughts/2026-03-04 Émile 🚀 notes.md', '---\nid: "a"\n---\nHello ünïcode 🚀\n'],
      ['tasks.md', '# Tasks\n'],
      ['empty.md', ''],
    ]);
    // DOS time keeps even seconds.
    expect(entries[0]!.modified.toISOString()).toBe('2026-03-04T10:20:30.000Z');
    expect(entries[0]!.mode).toBe(0o100644);
  });

  it('switches to ZIP64 end records past 65,534 entries, and a reader finds them all', async () => {
    const sink = memorySink();
    const zip = new StoredZipWriter(sink);
    const count = 70_000;
    for (let i = 0; i < count; i++)
      await zip.add(`n/${i}.md`, Buffer.from(`note ${i}`), new Date('2026-01-01T00:00:00Z'));
    await zip.finish();
    const bytes = sink.bytes();
    // The classic end record says "see ZIP64" (0xffff entries) and the ZIP64 locator sits before it.
    expect(bytes.readUInt16LE(bytes.length - 22 + 10)).toBe(0xffff);
    expect(bytes.readUInt32LE(bytes.length - 22 - 20)).toBe(0x07064b50);

    // Every record read (names only: reading 70,000 contents would only slow the test).
    const { entries, entryCount } = await readBack(bytes, false);
    expect(entryCount).toBe(count);
    expect(entries).toHaveLength(count);
    expect(entries[count - 1]!.name).toBe(`n/${count - 1}.md`);
  });

  it('keeps an offset past 4 GiB in a ZIP64 extra field of the directory record', () => {
    const directory = new CentralDirectory();
    const offset = 2 ** 32 + 12_345;
    directory.add({ fileName: Buffer.from('far.md'), time: 0, date: 33, crc: 1, size: 2, offset });
    directory.add({
      fileName: Buffer.from('near.md'),
      time: 0,
      date: 33,
      crc: 1,
      size: 2,
      offset: 7,
    });
    const [bytes] = [...directory.chunks()];
    expect(directory.count).toBe(2);
    expect(bytes!.readUInt16LE(6)).toBe(45); // version needed: ZIP64
    expect(bytes!.readUInt32LE(42)).toBe(0xffffffff);
    expect(bytes!.readUInt16LE(30)).toBe(12); // extra field length
    expect(bytes!.readUInt16LE(46 + 6)).toBe(0x0001);
    expect(Number(bytes!.readBigUInt64LE(46 + 6 + 4))).toBe(offset);
    const near = 46 + 6 + 12;
    expect(bytes!.readUInt32LE(near)).toBe(0x02014b50);
    expect(bytes!.readUInt16LE(near + 6)).toBe(20);
    expect(bytes!.readUInt32LE(near + 42)).toBe(7);
    expect(bytes!.readUInt16LE(near + 30)).toBe(0);
  });

  it('spreads a large directory over chunks without splitting a record', () => {
    const directory = new CentralDirectory();
    const name = Buffer.from('x'.repeat(200));
    for (let i = 0; i < 1_000; i++)
      directory.add({ fileName: name, time: 0, date: 33, crc: i, size: 0, offset: i });
    const chunks = [...directory.chunks()];
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.length % 246).toBe(0);
      expect(chunk.readUInt32LE(0)).toBe(0x02014b50);
    }
    expect(chunks.reduce((sum, chunk) => sum + chunk.length, 0)).toBe(1_000 * 246);
  });

  it('clamps dates the DOS format cannot hold', () => {
    expect(dosDateTime(new Date('1970-01-01T00:00:00Z'))).toEqual({ time: 0, date: 33 });
    expect(dosDateTime(new Date('invalid'))).toEqual({ time: 0, date: 33 });
    expect(dosDateTime(new Date('2200-01-01T00:00:00Z')).date >> 9).toBe(127);
  });
});
