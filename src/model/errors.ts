/** Errors with a message meant for the user (no stack trace needed). */
export class UserError extends Error {
  constructor(
    message: string,
    readonly code: 'bad_input' | 'not_found' | 'conflict' | 'unavailable' = 'bad_input',
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** A malformed input file: names the file, the line and the problem. */
export class ImportError extends UserError {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly problem: string,
  ) {
    super(`${file}${line !== null ? `:${line}` : ''}: ${problem}`, 'bad_input');
    this.name = 'ImportError';
  }
}
