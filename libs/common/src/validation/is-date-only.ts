import { IsISO8601, Matches, ValidationOptions } from 'class-validator';

/** A calendar date, `YYYY-MM-DD` and no time: what "joined on", "inspected on" and the like are. */
export function IsDateOnly(options?: ValidationOptions) {
  const shape = Matches(/^\d{4}-\d{2}-\d{2}$/, { message: ({ property }) => `${property} must be a date as YYYY-MM-DD`, ...options });
  const real = IsISO8601(
    { strict: true, strictSeparator: true },
    { message: ({ property }) => `${property} must be a real date`, ...options },
  );
  return (target: object, property: string) => {
    shape(target, property);
    real(target, property);
  };
}

// Made once: building an Intl.DateTimeFormat costs far more than formatting with one, and this runs per request.
const ENGLAND_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in England (the trusts' calendar), as YYYY-MM-DD. */
export function todayInEngland(now = new Date()): string {
  return ENGLAND_DATE.format(now);
}
