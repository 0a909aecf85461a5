/** Time as core sees it: epoch milliseconds. Tests pass a controllable clock. */
export interface Clock {
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }
