import type { Writable } from 'node:stream';

/** The client went away mid-export: stop reading the database. */
export class ClientGoneError extends Error {
  constructor() {
    super('the client closed the connection');
  }
}

/**
 * Writes to a stream and waits for 'drain' when its buffer is full, so a slow client slows
 * the export down instead of the server buffering the whole export in memory.
 */
export class BackpressureSink {
  constructor(private readonly stream: Writable) {}

  async write(chunk: string | Buffer): Promise<void> {
    if (this.stream.destroyed || this.stream.writableEnded) throw new ClientGoneError();
    if (this.stream.write(chunk)) return;
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        this.stream.off('drain', onDrain);
        this.stream.off('close', onClose);
        if (error) reject(error);
        else resolve();
      };
      const onDrain = () => done();
      const onClose = () => done(new ClientGoneError());
      this.stream.on('drain', onDrain);
      this.stream.on('close', onClose);
    });
  }
}
