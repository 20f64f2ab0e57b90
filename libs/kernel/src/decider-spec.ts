import type { Decider } from './decider';
import { DomainError, type ErrorCode } from './errors';

/**
 * Given/when/then over events, for tests only (emmett's DeciderSpecification in a few lines):
 * `spec(decider).given(events).when(command).then(expectedEvents)` or `.thenThrows(code, details?)`.
 */
export function spec<Command, Event, State>(decider: Decider<Command, Event, State>) {
  return {
    given(events: readonly Event[]) {
      return {
        when(command: Command) {
          const run = () => decider.decide(command, events.reduce(decider.evolve, decider.initialState()));
          return {
            then(expected: readonly Event[]): void {
              expect(run()).toEqual(expected);
            },
            thenMatches(check: (events: Event[]) => void): void {
              check(run());
            },
            thenThrows(code: ErrorCode, details?: Record<string, unknown>): void {
              let thrown: unknown;
              try {
                run();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeInstanceOf(DomainError);
              expect((thrown as DomainError).code).toBe(code);
              if (details) expect((thrown as DomainError).details).toMatchObject(details);
            },
          };
        },
      };
    },
  };
}
