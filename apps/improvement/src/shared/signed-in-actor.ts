import { applyDecorators } from '@nestjs/common';
import { Equals, IsOptional } from 'class-validator';

/**
 * A body field that once named the member of staff acting (`approvedBy`, `signedOffBy`, a reviewer's `reviewerId`)
 * and is refused now with a 400 saying why: the service takes the actor from the caller's linked staff record
 * (`@ActingStaff()`), so a client still sending it learns that rather than having it silently ignored.
 */
export const TakenFromSignIn = (field: string, who: string) =>
  applyDecorators(
    IsOptional(),
    Equals(undefined, {
      message: `${field} is not sent any more: ${who} is the member of staff linked to the signed-in account`,
    }),
  );
