import type { Redis } from 'ioredis';

/*
 * The lease operations as Lua scripts: Redis runs each one atomically, so "is it free? then take
 * it" cannot interleave with another engine's acquire. A lease is one string key,
 * `<token>:<owner>`, expiring by PX on Redis' clock; its fencing counter is a second key that
 * never expires (it survives expiry and release, so a token never repeats for a key).
 */

/** KEYS: holder, counter. ARGV: owner, ttlMs. Returns the token, or nil while another owner holds it. */
const ACQUIRE = `
local current = redis.call('GET', KEYS[1])
if current then
  local sep = string.find(current, ':', 1, true)
  if string.sub(current, sep + 1) ~= ARGV[1] then return false end
  redis.call('SET', KEYS[1], current, 'PX', ARGV[2])
  return tonumber(string.sub(current, 1, sep - 1))
end
local time = redis.call('TIME')
local floor = tonumber(time[1]) * 1000000 + tonumber(time[2])
local token = redis.call('INCR', KEYS[2])
if token < floor then
  token = floor
  redis.call('SET', KEYS[2], string.format('%d', token))
end
redis.call('SET', KEYS[1], string.format('%d', token) .. ':' .. ARGV[1], 'PX', ARGV[2])
return token
`;

/** KEYS: holder. ARGV: `<token>:<owner>`, ttlMs. Returns 1 when extended, 0 when the lease was lost. */
const RENEW = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`;

/** KEYS: holder. ARGV: `<token>:<owner>`. Deletes the lease only if it is still that one. */
const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])
`;

/** KEYS: holder. Returns { `<token>:<owner>`, remaining ms } or nil. */
const HOLDER = `
local current = redis.call('GET', KEYS[1])
if not current then return false end
return { current, redis.call('PTTL', KEYS[1]) }
`;

const SCRIPTS = {
  orchLeaseAcquire: { numberOfKeys: 2, lua: ACQUIRE },
  orchLeaseRenew: { numberOfKeys: 1, lua: RENEW },
  orchLeaseRelease: { numberOfKeys: 1, lua: RELEASE },
  orchLeaseHolder: { numberOfKeys: 1, lua: HOLDER },
} as const;

export interface LeaseScripts {
  acquire(holderKey: string, counterKey: string, owner: string, ttlMs: number): Promise<number | null>;
  renew(holderKey: string, value: string, ttlMs: number): Promise<number>;
  release(holderKey: string, value: string): Promise<number>;
  holder(holderKey: string): Promise<[value: string, pttl: number] | null>;
}

type ScriptCall = (...args: (string | number)[]) => Promise<unknown>;

/**
 * Defines the scripts on `client` (ioredis sends EVALSHA, and the script again after a Redis
 * restart emptied its script cache) and returns them typed.
 */
export function defineLeaseScripts(client: Redis): LeaseScripts {
  for (const [name, definition] of Object.entries(SCRIPTS)) client.defineCommand(name, definition);
  const call = (name: keyof typeof SCRIPTS) => (client as unknown as Record<typeof name, ScriptCall>)[name].bind(client);
  const [acquire, renew, release, holder] = [call('orchLeaseAcquire'), call('orchLeaseRenew'), call('orchLeaseRelease'), call('orchLeaseHolder')];
  return {
    acquire: async (holderKey, counterKey, owner, ttlMs) => (await acquire(holderKey, counterKey, owner, ttlMs)) as number | null,
    renew: async (holderKey, value, ttlMs) => (await renew(holderKey, value, ttlMs)) as number,
    release: async (holderKey, value) => (await release(holderKey, value)) as number,
    holder: async (holderKey) => (await holder(holderKey)) as [string, number] | null,
  };
}
