import type { Timers } from '@orch/application';

/** The Timers port on Node's timers, never keeping the process alive on their own. */
export const nodeTimers: Timers = {
  after(ms, callback) {
    const timer = setTimeout(callback, Math.max(0, ms));
    timer.unref();
    return () => clearTimeout(timer);
  },
};
