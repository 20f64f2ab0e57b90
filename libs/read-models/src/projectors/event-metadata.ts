import { type RecordedEvent } from '@orch/application';
import { MalformedEventError } from './event-fields';

export interface EventActor {
  readonly tenantId: string;
  readonly actor: string;
}

/** Tenant and actor from metadata (DESIGN.md §4): every read-model row carries the tenant. */
export function actorOf(event: RecordedEvent): EventActor {
  const { tenantId, actor } = event.metadata;
  if (typeof tenantId !== 'string' || tenantId === '') throw new MalformedEventError(event, 'metadata.tenantId missing');
  if (typeof actor !== 'string' || actor === '') throw new MalformedEventError(event, 'metadata.actor missing');
  return { tenantId, actor };
}
