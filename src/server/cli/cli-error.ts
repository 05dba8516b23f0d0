/** A usage or input problem: printed as one line, exit status 2. */
export class CliError extends Error {}
