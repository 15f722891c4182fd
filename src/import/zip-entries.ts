import yauzl from 'yauzl';

export interface ZipTextEntry {
  name: string;
  modified: Date;
  text: string;
}

/** Larger notes are reported, not read: a Markdown note this big is not a thought. */
export const MAX_ENTRY_BYTES = 1024 * 1024;

/** The zip's files, one at a time (directories skipped), read lazily from disk. */
export async function* zipEntries(
  file: string,
): AsyncGenerator<ZipTextEntry | { name: string; error: string }> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(
      file,
      { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true },
      (error, opened) =>
        error || !opened ? reject(error ?? new Error('not a zip file')) : resolve(opened),
    ),
  );
  try {
    for (;;) {
      const entry = await nextEntry(zip);
      if (!entry) return;
      if (entry.fileName.endsWith('/')) continue;
      if (entry.uncompressedSize > MAX_ENTRY_BYTES) {
        yield { name: entry.fileName, error: `larger than ${MAX_ENTRY_BYTES} bytes` };
        continue;
      }
      try {
        yield {
          name: entry.fileName,
          modified: entry.getLastModDate(),
          text: await readEntry(zip, entry),
        };
      } catch (error) {
        yield { name: entry.fileName, error: (error as Error).message };
      }
    }
  } finally {
    zip.close();
  }
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: yauzl.Entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(null));
    const onError = (error: Error) => (cleanup(), reject(error));
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<string> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(error ?? new Error('unreadable entry'));
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  });
}
