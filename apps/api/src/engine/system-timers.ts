import type { Timers } from '@orch/application';

/** The Timers port on Node's timers; they never keep a process alive on their own. */
export const systemTimers: Timers = {
  after(ms, callback) {
    const timer = setTimeout(callback, Math.max(0, ms));
    timer.unref();
    return () => clearTimeout(timer);
  },
};
