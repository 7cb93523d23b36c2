/** Code of a usage error in `--json` mode (not a library error code: the library never throws it). */
export const USAGE_ERROR_CODE = "USAGE";
/** Code of an error that is not one of the library's, in `--json` mode. */
export const UNEXPECTED_ERROR_CODE = "UNEXPECTED";

/** A mistake in how the command was called (unknown flag, missing argument, bad flag value): exit code 2. */
export class UsageError extends Error {
  /** The code of `--json` errors: `USAGE`, or the library's code when a flag's value was rejected by the library (`INVALID_FILTER`). */
  readonly code: string;

  constructor(message: string, code: string = USAGE_ERROR_CODE) {
    super(message);
    this.name = "UsageError";
    this.code = code;
  }
}
