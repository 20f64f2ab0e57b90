/** Where the engine says what it did and what went wrong; structured fields, one line each. */
export interface EngineLog {
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

export const silentEngineLog: EngineLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
