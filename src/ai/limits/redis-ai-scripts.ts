/**
 * The shared AI budget and breakers as Lua scripts: each runs atomically in Redis, so
 * instances racing for the last token or the half-open probe see one winner. Times are the
 * caller's clock (milliseconds), so tests can move time as they do for the local versions.
 */

/** KEYS[1] bucket; ARGV now, perMinute, ttlMs. Returns 1 when a token was taken. */
export const TAKE_TOKEN = `
local now = tonumber(ARGV[1])
local perMinute = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or perMinute
local at = tonumber(state[2]) or now
if now > at then
  tokens = math.min(perMinute, tokens + (now - at) * perMinute / 60000)
  at = now
end
local taken = 0
if tokens >= 1 then
  tokens = tokens - 1
  taken = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return taken`;

/** KEYS[1] breaker, KEYS[2] probe; ARGV now, cooldownMs, probeTtlMs. 1 closed, 2 probe granted, 0 refused. */
export const ACQUIRE = `
local opened = redis.call('HGET', KEYS[1], 'opened_at')
if not opened then return 1 end
if tonumber(ARGV[1]) - tonumber(opened) < tonumber(ARGV[2]) then return 0 end
if redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[3]) then return 2 end
return 0`;

/** KEYS[1] breaker, KEYS[2] probe; ARGV now, threshold, errorClass, stateTtlMs. A failed probe re-opens at once. */
export const RECORD_FAILURE = `
local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
redis.call('HSET', KEYS[1], 'err', ARGV[3], 'err_at', ARGV[1])
local probing = redis.call('DEL', KEYS[2])
if probing == 1 or failures >= tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], 'opened_at', ARGV[1])
end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return failures`;
