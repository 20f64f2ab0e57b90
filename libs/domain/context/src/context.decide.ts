import type { ContextCommand } from './context.commands';
import type { ContextEvent } from './context.events';
import type { ContextState } from './context.state';
import { decideCreate } from './decide-create';
import { decideExpire, decidePromote, decideShare } from './decide-lifecycle';
import { decideMerge } from './decide-merge';
import { decideWrite } from './decide-write';

/** One command → the events of one append, or a DomainError. Pure: time only from `metadata.now`. */
export function decide(command: ContextCommand, state: ContextState): ContextEvent[] {
  switch (command.type) {
    case 'CreateContext':
      return decideCreate(command, state);
    case 'WriteContext':
      return decideWrite(command, state);
    case 'MergeContext':
      return decideMerge(command, state);
    case 'ShareContext':
      return decideShare(command, state);
    case 'PromoteContext':
      return decidePromote(command, state);
    case 'ExpireContext':
      return decideExpire(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown context command ${(unknown as { type: string }).type}`);
    }
  }
}
