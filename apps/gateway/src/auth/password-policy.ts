/**
 * Password rules in the spirit of NCSC guidance ("Password policy: updating your approach"; "Three random
 * words"): length over complexity, no composition rules, no expiry, and a deny list of what attackers try first.
 *
 * - 12 to 256 characters (counted as Unicode code points). Three random words ("coffee train fish")
 *   pass the length rule as they are; there are no "one digit, one symbol" rules to defeat them.
 * - Refused: the most common breached passwords and keyboard/number runs (COMMON below, compared after folding
 *   case, separators, trailing digits/symbols and leetspeak, so "P@ssw0rd2024!" is "password"), one or two
 *   characters repeated ("aaaaaaaaaaaa", "abababababab"), and a password containing the user's e-mail name, the
 *   e-mail domain's name, the trust's name or "trustwide".
 * The list is small and built in (no call to a breach service from here); a larger list can replace COMMON.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/** Base words of the most used breached passwords (after folding), keyboard walks and runs. */
const COMMON = new Set([
  'password',
  'passw0rd',
  'passphrase',
  'letmein',
  'welcome',
  'qwerty',
  'qwertyuiop',
  'qwertyuiopas',
  'asdfghjkl',
  'zxcvbnm',
  'qazwsx',
  'qazwsxedc',
  'iloveyou',
  'admin',
  'administrator',
  'login',
  'changeme',
  'secret',
  'football',
  'monkey',
  'dragon',
  'baseball',
  'sunshine',
  'princess',
  'starwars',
  'whatever',
  'trustno',
  'master',
  'superman',
  'batman',
  'liverpool',
  'arsenal',
  'chelsea',
  'manchester',
  'school',
  'teacher',
  'headteacher',
  'academy',
  'student',
  'summer',
  'winter',
  'autumn',
  'spring',
  'january',
  'february',
  'september',
  'december',
  'abc',
  'abcdef',
  'abcdefgh',
  'abcdefghijkl',
  'aaaaaa',
  'default',
  'guest',
  'test',
  'testing',
  'access',
  'shadow',
  'michael',
  'jennifer',
  'computer',
  'internet',
  'hello',
  'helloworld',
  'freedom',
  'ncc',
  'correcthorsebatterystaple',
  'opensesame',
]);

const DIGIT_RUNS = '01234567890123456789';
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '@': 'a',
  $: 's',
  '!': 'i',
  '+': 't',
};

export interface PasswordContext {
  email?: string | null;
  trustName?: string | null;
}

/** What is wrong with a password (empty when it is acceptable), each problem a sentence for the user. */
export function passwordProblems(password: string, context: PasswordContext = {}): string[] {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return [`the password must be at least ${PASSWORD_MIN} characters (three random words make a good one)`];
  if (length > PASSWORD_MAX) return [`the password must be at most ${PASSWORD_MAX} characters`];
  const problems: string[] = [];
  const lower = password.toLowerCase();
  const letters = lower.replace(/[^\p{L}\p{N}]/gu, '');
  const folded = fold(password);
  if (new Set(letters).size <= 2 || /^(.{1,3})\1+$/.test(letters))
    problems.push('the password repeats one short pattern; use three random words instead');
  else if (DIGIT_RUNS.includes(letters) || COMMON.has(folded) || COMMON.has(stripEnds(letters)) || isRepeatedCommon(folded)) {
    problems.push('the password is one of the most commonly used (and breached) passwords; use three random words instead');
  }
  for (const part of personalParts(context)) {
    if (part.length >= 4 && (letters.includes(part) || folded.includes(part))) {
      problems.push('the password may not contain your e-mail name, its domain, the trust\'s name or "trustwide"');
      break;
    }
  }
  return problems;
}

/** Lower case, leetspeak read back, separators and trailing digits/symbols dropped: "P@ssw0rd-2024!" → "password". */
function fold(password: string): string {
  const core = password
    .toLowerCase()
    .replace(/[^\p{L}]+$/u, '')
    .replace(/^[^\p{L}]+/u, '');
  return [...core]
    .map((c) => LEET[c] ?? c)
    .join('')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

const stripEnds = (s: string) => s.replace(/\d+$/u, '').replace(/^\d+/u, '');

/** "passwordpassword", "qwertyqwerty": a common word said twice is still a common word. */
function isRepeatedCommon(folded: string): boolean {
  for (let size = 3; size <= folded.length / 2; size++) {
    const unit = folded.slice(0, size);
    if (COMMON.has(unit) && unit.repeat(Math.ceil(folded.length / size)).startsWith(folded)) return true;
  }
  return false;
}

function personalParts(context: PasswordContext): string[] {
  const parts = ['trustwide'];
  if (context.email) {
    const [name, domain = ''] = context.email.toLowerCase().split('@');
    parts.push(...name.split(/[^\p{L}\p{N}]+/u), name.replace(/[^\p{L}\p{N}]/gu, ''), domain.split('.')[0] ?? '');
  }
  if (context.trustName) {
    const name = context.trustName.toLowerCase();
    parts.push(name.replace(/[^\p{L}\p{N}]/gu, ''));
    // Distinctive words of the name ("fenland" of "Fenland Learning Partnership"), not the generic ones.
    parts.push(...name.split(/[^\p{L}\p{N}]+/u).filter((w) => !GENERIC_TRUST_WORDS.has(w)));
  }
  return parts.filter((p) => p.length >= 4);
}

const GENERIC_TRUST_WORDS = new Set([
  'trust',
  'academy',
  'academies',
  'learning',
  'partnership',
  'multi',
  'schools',
  'school',
  'education',
  'educational',
  'federation',
  'the',
  'and',
  'church',
  'diocesan',
  'catholic',
  'foundation',
  'primary',
  'secondary',
  'community',
]);
