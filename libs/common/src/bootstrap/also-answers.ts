import { SetMetadata } from '@nestjs/common';

export const ALSO_ANSWERS = 'trustwide:also-answers';

/** A success status a handler answers besides its `@HttpCode` one, with the same body, and when. */
export interface AlsoAnswered {
  status: number;
  when: string;
}

/**
 * Says that a handler sometimes answers another success status (`res.status(200)` for an import waited for), so the
 * OpenAPI document, which reads the status from `@HttpCode`, lists that one too.
 */
export const AlsoAnswers = (status: number, when: string) => SetMetadata(ALSO_ANSWERS, { status, when } satisfies AlsoAnswered);
