/** Time is passed in, never read from the wall inside the rules, so tests can move it. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that stands still until told to move; for tests and imports with explicit times. */
export class ManualClock implements Clock {
  constructor(private current: number = Date.now()) {}
  now(): number {
    return this.current;
  }
  set(ms: number): void {
    this.current = ms;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

// The units live with the rules that count in them; the clock is where the rest of the code reads them.
export { DAY, HOUR, MINUTE, WEEK } from './domain/time.js';
