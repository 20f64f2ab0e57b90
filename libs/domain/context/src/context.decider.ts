import type { Decider } from '@orch/kernel';
import type { ContextCommand } from './context.commands';
import { decide } from './context.decide';
import type { ContextEvent } from './context.events';
import { evolve, initialState, type ContextState } from './context.state';

/** The Context aggregate (stream `context-<contextId>`): one versioned JSON document. */
export const contextDecider: Decider<ContextCommand, ContextEvent, ContextState> = { initialState, decide, evolve };
