/**
 * The decider shape every aggregate follows (see STYLE.md habit 3):
 * `decide` turns a command and the current state into new events (or throws a DomainError),
 * `evolve` folds one recorded event into the state and never throws.
 */
export interface Decider<Command, Event, State> {
  readonly initialState: () => State;
  readonly decide: (command: Command, state: State) => Event[];
  readonly evolve: (state: State, event: Event) => State;
}

/** Folds events into a state with a decider's `evolve`, starting from its initial state. */
export function fold<Event, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}
