import { applyDecorators } from '@nestjs/common';
import { Equals, IsOptional } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

/**
 * A body field that once named the member of staff acting (`approvedBy`, `signedOffBy`, a reviewer's `reviewerId`)
 * and is refused now with a 400 saying why: the service takes the actor from the caller's linked staff record
 * (`@ActingStaff()`), so a client still sending it learns that rather than having it silently ignored.
 */
export const TakenFromSignIn = (field: string, who: string) => {
  const message = `${field} is not sent any more: ${who} is the member of staff linked to the signed-in account`;
  // The API document says so too, rather than showing a field that takes anything.
  return applyDecorators(
    IsOptional(),
    Equals(undefined, { message }),
    JSONSchema({ deprecated: true, description: `Refused (400): ${message}.` }),
  );
};
