export { leasesContract } from './leases.contract';
export { heartbeatsContract } from './heartbeats.contract';
export type { HeartbeatsContractOptions, HeartbeatsUnderTest, LeasesContractOptions, LeasesUnderTest } from './harness';
export { ManualClock } from './manual-clock';
export { mustHold } from './must-hold';
export { deleteRedisKeys, TEST_REDIS_URL, uniqueRedisPrefix } from './redis-test-keys';
export { startThrowawayRedis, type ThrowawayRedis } from './throwaway-redis';
