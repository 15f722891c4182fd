/** The file as a whole cannot be read as the source it claims to be: the import stops. */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}
