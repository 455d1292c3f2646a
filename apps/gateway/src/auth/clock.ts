/** The time the sign-in code reads (tokens, rate limits, key rotation); a test replaces it to move time on. */
export class Clock {
  now(): Date {
    return new Date();
  }
}
