import type { EventLogFilters } from '@orch/contracts';
import { type FlagSpec, type ParsedArgs } from '../args';
import { defined, list, oneOf, text } from '../api/options';

/** Every filter of `GET /events`; all of them must hold. */
export const EVENT_FILTER_FLAGS: readonly FlagSpec[] = [
  { name: 'stream', kind: 'string' },
  { name: 'category', kind: 'string' },
  { name: 'type', kind: 'string' },
  { name: 'actor', kind: 'string' },
  { name: 'actor-kind', kind: 'string' },
  { name: 'correlation-id', kind: 'string' },
  { name: 'since', kind: 'string' },
  { name: 'until', kind: 'string' },
];

export const EVENT_FILTERS_HELP = `Filters (all must hold):
  --stream <name>            one stream, e.g. session-<id>
  --category <c>             session, agent, context, apikey, sessionoutput, webhook, …
  --type <A,B>               any of these event types (exact)
  --actor <id>               the actor (an API key id, an agent id, a system component)
  --actor-kind <k>           user, agent or system
  --correlation-id <id>      the events of one request (its X-Correlation-Id)
  --since <iso>, --until <iso>   recorded at or after / before
`;

export function eventFilters(args: ParsedArgs): EventLogFilters {
  return defined({
    stream: text(args, 'stream'),
    category: text(args, 'category'),
    type: list(args, 'type'),
    actor: text(args, 'actor'),
    actorKind: oneOf(args, 'actor-kind', ['user', 'agent', 'system'] as const),
    correlationId: text(args, 'correlation-id'),
    since: text(args, 'since'),
    until: text(args, 'until'),
  });
}
