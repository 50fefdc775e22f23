/** A token bucket: `burst` tokens at most, refilled continuously at `perSecond`; each request takes one. */
export interface RatePolicy {
  readonly perSecond: number;
  readonly burst: number;
}

export interface BucketState {
  readonly tokens: number;
  /** When `tokens` was computed (epoch ms of the injected clock). */
  readonly at: number;
}

/** What a request learns about its bucket; it becomes the rate-limit headers. */
export interface RateDecision {
  readonly allowed: boolean;
  /** The bucket size (the quota `q` of `RateLimit-Policy`, `X-RateLimit-Limit`). */
  readonly limit: number;
  /** Whole tokens left after this request. */
  readonly remaining: number;
  /** Seconds until the bucket is full again (`t`, `X-RateLimit-Reset`). */
  readonly resetSeconds: number;
  /** Seconds until one token is available (`Retry-After` of a 429); 0 when allowed. */
  readonly retryAfterSeconds: number;
  /** Seconds an empty bucket takes to refill (the window `w` of `RateLimit-Policy`). */
  readonly windowSeconds: number;
}

/** A usable policy whatever the configuration says: at least one token, a positive rate. */
export function normalizePolicy(policy: RatePolicy): RatePolicy {
  const burst = Number.isFinite(policy.burst) && policy.burst >= 1 ? Math.floor(policy.burst) : 1;
  const perSecond = Number.isFinite(policy.perSecond) && policy.perSecond > 0 ? policy.perSecond : 1;
  return { burst, perSecond };
}

/** The tokens in a bucket at `now` (a missing bucket is full; a clock that stepped back refills nothing). */
export function tokensAt(state: BucketState | undefined, policy: RatePolicy, now: number): number {
  if (state === undefined) return policy.burst;
  const elapsed = Math.max(0, now - state.at);
  return Math.min(policy.burst, state.tokens + (elapsed * policy.perSecond) / 1000);
}

/** The decision for a bucket left with `tokens` after a request that was (or was not) given one. */
export function decisionFor(tokens: number, allowed: boolean, policy: RatePolicy): RateDecision {
  const seconds = (n: number) => Math.max(0, Math.ceil(n / policy.perSecond - 1e-9));
  return {
    allowed,
    limit: policy.burst,
    remaining: Math.max(0, Math.floor(tokens)),
    resetSeconds: seconds(policy.burst - tokens),
    retryAfterSeconds: allowed ? 0 : Math.max(1, seconds(1 - tokens)),
    windowSeconds: Math.max(1, seconds(policy.burst)),
  };
}

/** Takes one token if there is one. Pure: the caller stores the returned state. */
export function takeToken(
  state: BucketState | undefined,
  rawPolicy: RatePolicy,
  now: number,
): { readonly state: BucketState; readonly decision: RateDecision } {
  const policy = normalizePolicy(rawPolicy);
  const available = tokensAt(state, policy, now);
  const allowed = available >= 1;
  const tokens = allowed ? available - 1 : available;
  // The bucket's time never moves back: a clock that stepped back would otherwise refill the same interval twice.
  const at = state === undefined ? now : Math.max(state.at, now);
  return { state: { tokens, at }, decision: decisionFor(tokens, allowed, policy) };
}
