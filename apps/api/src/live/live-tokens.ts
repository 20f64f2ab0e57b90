/** Injection tokens of the live module. */
export const LIVE_HUB = Symbol('LiveHub');
export const LIVE_SETTINGS = Symbol('LiveSettings');
