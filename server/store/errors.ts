/** A pagination cursor that this store did not issue (or that was tampered with): the HTTP layer answers 400. */
export class BadCursorError extends Error {
  constructor(readonly cursor: string) {
    super('malformed cursor');
    this.name = 'BadCursorError';
  }
}
