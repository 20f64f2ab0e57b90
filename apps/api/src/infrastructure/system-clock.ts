import type { Clock } from '@orch/application';

export const systemClock: Clock = { now: () => new Date().toISOString() };
