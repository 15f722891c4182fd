// zip-stream ships no types; only what src/export uses is declared.
declare module 'zip-stream' {
  import type { Transform } from 'node:stream';

  interface ZipStreamOptions {
    zlib?: { level?: number };
    store?: boolean;
  }
  interface EntryData {
    name: string;
    date?: Date;
    store?: boolean;
  }
  export default class ZipStream extends Transform {
    constructor(options?: ZipStreamOptions);
    entry(source: Buffer | string, data: EntryData, callback: (error?: Error | null) => void): this;
    finalize(): void;
  }
}
