/** A refusal of the External Agent Protocol, mapped by the api to problem details with this status and code. */
export class ProtocolError extends Error {
  constructor(
    readonly status: 404 | 409,
    readonly code: 'RUN.NOT_FOUND' | 'RUN.ENDED',
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}
