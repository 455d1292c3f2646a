import type { FieldProblem } from './problems';

/** How deep a JSON body or query may nest; real documents (risk rules included) stay far below. */
export const MAX_INPUT_DEPTH = 32;

/**
 * What no handler can store, whatever its DTO: a NUL character in a text or a key (PostgreSQL refuses
 * it in text and jsonb), and nesting deeper than `maxDepth` (which would exhaust the call stack of
 * whatever walks it next). Walks without recursion, so the depth of the input cannot hurt the walk.
 * `root` names the whole input (`body`, `query`); fields are dotted paths under it (`judgements.3.area`).
 */
export function inputProblems(value: unknown, root: string, maxDepth = MAX_INPUT_DEPTH): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  const name = (path: string) => path || root;
  while (stack.length > 0 && problems.length < 20) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) problems.push({ field: name(path), problems: [`${name(path)} must not contain NUL characters (\\u0000)`] });
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= maxDepth) {
      problems.push({ field: root, problems: [`${root} is nested more than ${maxDepth} levels deep`] });
      break;
    }
    for (const [key, child] of Object.entries(v)) {
      const childPath = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) {
        problems.push({ field: name(path), problems: [`${name(path)} has a key with a NUL character (\\u0000)`] });
        continue;
      }
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return problems;
}
