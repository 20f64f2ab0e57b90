/** The only source of identifiers for the core. */
export interface Ids {
  /** A new lowercase UUID v7. */
  newId(): string;
  /** A UUID derived deterministically from `name`: the same name always gives the same id. */
  derive(name: string): string;
}
