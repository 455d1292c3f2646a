import { ValidationError } from 'class-validator';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** class-validator's nested errors as one entry per field, with dotted paths (`school.urn`). */
export function fieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix + e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...fieldProblems(e.children ?? [], `${field}.`)];
  });
}

/** The same as sentences, each naming its field once: `data.school.urn: urn must not be less than 100000`. */
export function problemSentences(errors: ValidationError[], prefix = ''): string[] {
  return fieldProblems(errors, prefix).flatMap(({ field, problems }) => problems.map((p) => (p.startsWith(field) ? p : `${field}: ${p}`)));
}
