// The demo trust `npm start` loads through the public API (the gateway) once every service is healthy.
// Run again, it finds the trust already there and leaves it as it is.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BOOTSTRAP_ADMIN, ROOT, say } from './platform.mjs';

const GROUP_UID = '9001';

// Easting/Northing (British National Grid, metres) near each town, so the overview can plot the schools.
const SCHOOLS = [
  {
    urn: 149001,
    name: 'Abbey Fields Primary Academy',
    phase: 'primary',
    leadershipModel: 'B',
    town: 'Bourne',
    easting: 509620,
    northing: 320150,
    postcode: 'PE10 9EP',
    localAuthorityCode: '925',
    localAuthority: 'Lincolnshire',
    pupilsOnRoll: 412,
    capacity: 420,
    lowAge: 4,
    highAge: 11,
    joinRoute: 'converter',
    joinedTrustOn: '2014-09-01',
  },
  {
    urn: 149002,
    name: 'Castle Hill Primary Academy',
    phase: 'primary',
    leadershipModel: 'B',
    town: 'Stamford',
    easting: 502960,
    northing: 307120,
    postcode: 'PE9 2HX',
    localAuthorityCode: '925',
    localAuthority: 'Lincolnshire',
    pupilsOnRoll: 198,
    capacity: 210,
    lowAge: 4,
    highAge: 11,
    joinRoute: 'sponsored',
    joinedTrustOn: '2019-01-01',
  },
  {
    urn: 149003,
    name: 'Riverside Academy',
    phase: 'secondary',
    leadershipModel: 'A',
    town: 'Spalding',
    easting: 524640,
    northing: 322780,
    postcode: 'PE11 1QT',
    localAuthorityCode: '925',
    localAuthority: 'Lincolnshire',
    pupilsOnRoll: 1105,
    capacity: 1200,
    lowAge: 11,
    highAge: 18,
    joinRoute: 'converter',
    joinedTrustOn: '2015-04-01',
  },
  {
    urn: 149004,
    name: 'Meadowbank Nursery and Infant School',
    phase: 'primary',
    leadershipModel: 'C',
    town: 'Grantham',
    easting: 491450,
    northing: 335960,
    postcode: 'NG31 6PQ',
    localAuthorityCode: '925',
    localAuthority: 'Lincolnshire',
    pupilsOnRoll: 156,
    capacity: 180,
    lowAge: 2,
    highAge: 7,
    joinRoute: 'converter',
    joinedTrustOn: '2021-09-01',
  },
  {
    urn: 149005,
    name: 'The Willows Special School',
    phase: 'special',
    leadershipModel: 'A',
    town: 'Peterborough',
    easting: 519080,
    northing: 298560,
    postcode: 'PE1 5DD',
    localAuthorityCode: '874',
    localAuthority: 'Peterborough',
    pupilsOnRoll: 94,
    capacity: 100,
    lowAge: 3,
    highAge: 19,
    joinRoute: 'free-school',
    joinedTrustOn: '2020-09-01',
  },
  {
    urn: 149006,
    name: 'Northgate All-Through Academy',
    phase: 'all-through',
    leadershipModel: 'C',
    town: 'Boston',
    easting: 532720,
    northing: 344020,
    postcode: 'PE21 6PT',
    localAuthorityCode: '925',
    localAuthority: 'Lincolnshire',
    pupilsOnRoll: 1480,
    capacity: 1600,
    lowAge: 4,
    highAge: 16,
    joinRoute: 'sponsored',
    joinedTrustOn: '2023-01-01',
  },
];

const INSPECTIONS = {
  149001: {
    framework: 'report-card',
    startDate: '2026-02-03',
    publicationDate: '2026-03-10',
    safeguarding: 'met',
    judgements: [
      ['inclusion', 'strong-standard'],
      ['curriculum-and-teaching', 'strong-standard'],
      ['achievement', 'expected-standard'],
      ['attendance-and-behaviour', 'strong-standard'],
      ['personal-development-and-wellbeing', 'exceptional'],
      ['leadership-and-governance', 'strong-standard'],
    ],
  },
  149002: {
    framework: 'oeif',
    startDate: '2024-05-14',
    publicationDate: '2024-06-20',
    overallEffectiveness: 3,
    safeguarding: 'effective',
    judgements: [
      ['quality-of-education', '3'],
      ['behaviour-and-attitudes', '2'],
      ['personal-development', '2'],
      ['leadership-and-management', '3'],
    ],
  },
  149003: {
    framework: 'report-card',
    startDate: '2026-01-13',
    publicationDate: '2026-02-19',
    safeguarding: 'met',
    judgements: [
      ['inclusion', 'expected-standard'],
      ['curriculum-and-teaching', 'needs-attention'],
      ['achievement', 'needs-attention'],
      ['attendance-and-behaviour', 'expected-standard'],
      ['personal-development-and-wellbeing', 'expected-standard'],
      ['leadership-and-governance', 'expected-standard'],
    ],
  },
  149004: {
    framework: 'oeif',
    startDate: '2023-11-07',
    publicationDate: '2023-12-12',
    overallEffectiveness: 2,
    safeguarding: 'effective',
    judgements: [
      ['quality-of-education', '2'],
      ['behaviour-and-attitudes', '2'],
      ['personal-development', '1'],
      ['leadership-and-management', '2'],
      ['early-years', '2'],
    ],
  },
  149005: {
    framework: 'oeif',
    startDate: '2022-06-21',
    publicationDate: '2022-07-19',
    overallEffectiveness: 1,
    safeguarding: 'effective',
    judgements: [
      ['quality-of-education', '1'],
      ['behaviour-and-attitudes', '1'],
      ['personal-development', '1'],
      ['leadership-and-management', '1'],
    ],
  },
  149006: {
    framework: 'oeif',
    startDate: '2024-10-01',
    publicationDate: '2024-11-05',
    overallEffectiveness: 4,
    categoryOfConcern: 'special-measures',
    safeguarding: 'not-effective',
    judgements: [
      ['quality-of-education', '4'],
      ['behaviour-and-attitudes', '3'],
      ['personal-development', '3'],
      ['leadership-and-management', '4'],
    ],
  },
};

// Three years of measures; Castle Hill's attendance slides, Northgate's budget goes into deficit.
const MEASURES = {
  149001: [
    [95.8, 12.1, 71, 14000],
    [96.1, 11.4, 74, 22000],
    [96.0, 11.0, 76, 18000],
  ],
  149002: [
    [95.0, 14.0, 62, 5000],
    [93.1, 18.9, 58, 1000],
    [90.4, 24.2, 55, -12000],
  ],
  149003: [
    [93.0, 19.5, 48, 80000],
    [92.6, 21.0, 46, 35000],
    [92.1, 22.4, 45, 12000],
  ],
  149004: [
    [94.9, 13.0, 70, 6000],
    [95.2, 12.2, 72, 7000],
    [95.4, 11.9, 73, 9000],
  ],
  149005: [
    [90.1, 28.0, null, 3000],
    [90.6, 27.1, null, 4000],
    [91.0, 26.0, null, 2500],
  ],
  149006: [
    [89.0, 31.0, 38, -150000],
    [88.2, 33.5, 35, -240000],
    [87.5, 35.1, 33, -310000],
  ],
};
const PERIODS = ['2022/23', '2023/24', '2024/25'];

/** One request to the public API with the bearer token; a 429 (the per-user write limit) waits its Retry-After. */
async function call(base, token, method, path, body, contentType = 'application/json') {
  for (;;) {
    const res = await fetch(`${base}/api${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': contentType }) },
      body: body === undefined ? undefined : contentType === 'application/json' ? JSON.stringify(body) : body,
    });
    const text = await res.text();
    if (res.status === 429) {
      await new Promise((resolve) => setTimeout(resolve, 1000 * Number(res.headers.get('retry-after') ?? 1)));
      continue;
    }
    const json = text ? JSON.parse(text) : null;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return json;
  }
}

async function signIn(base, email, password) {
  return (await call(base, null, 'POST', '/auth/sign-in', { email, password })).accessToken;
}

/**
 * The demo trust's users, one per role, with known demo passwords (printed by `npm start`). The loader itself
 * signs in as `loader`, who holds every trust role and leads every member school, so each service's demo can
 * do what the route table lets each role do. Never use these passwords outside a demo.
 */
export const DEMO_USERS = [
  { email: 'admin@fenland.demo', roles: ['trust-admin'], password: 'maple quartz harbour' },
  { email: 'ceo@fenland.demo', roles: ['ceo'], password: 'copper meadow violin' },
  { email: 'exec@fenland.demo', roles: ['executive'], password: 'orbit velvet lantern' },
  { email: 'hr@fenland.demo', roles: ['hr'], password: 'pebble saffron canyon' },
  { email: 'cpd@fenland.demo', roles: ['cpd-lead'], password: 'walnut glacier ribbon' },
  { email: 'head@fenland.demo', roles: ['headteacher'], password: 'thistle ember compass', schools: [0] },
  { email: 'hos@fenland.demo', roles: ['head-of-school'], password: 'juniper marble falcon', schools: [1] },
  { email: 'qa@fenland.demo', roles: ['qa-lead'], password: 'harvest cobalt willow' },
  {
    email: 'loader@fenland.demo',
    roles: ['trust-admin', 'ceo', 'executive', 'hr', 'cpd-lead', 'headteacher', 'qa-lead'],
    password: 'lantern pepper tundra',
    schools: 'all',
  },
];

/** Creates the demo users the trust does not have yet; a headteacher's schools are member schools by position. */
async function ensureUsers(base, token, trust, memberSchools) {
  const existing = new Set((await call(base, token, 'GET', `/trusts/${trust.id}/users`)).items.map((u) => u.email));
  for (const u of DEMO_USERS) {
    if (existing.has(u.email)) continue;
    const schoolIds = u.schools === 'all' ? memberSchools.map((s) => s.id) : (u.schools ?? []).map((i) => memberSchools[i].id);
    await call(base, token, 'POST', `/trusts/${trust.id}/users`, {
      email: u.email,
      roles: u.roles,
      password: u.password,
      ...(schoolIds.length ? { schoolIds } : {}),
      displayName: `Demo ${u.roles.join(' + ')}`,
    });
  }
}

export async function loadDemoTrust(base = 'http://127.0.0.1:3000') {
  // The platform administrator registers the trust and its first trust administrator; the rest is the trust's own.
  const platform = await signIn(base, BOOTSTRAP_ADMIN.email, BOOTSTRAP_ADMIN.password);
  const existing = await call(base, platform, 'GET', `/trusts?groupUid=${GROUP_UID}`);
  const trust =
    existing[0] ??
    (await call(base, platform, 'POST', '/trusts', {
      name: 'Fenland Learning Partnership (demo)',
      groupUid: GROUP_UID,
      companiesHouseNumber: '09876543',
      groupType: 'Multi-academy trust',
    }));
  const admins = (await call(base, platform, 'GET', `/trusts/${trust.id}/users`)).items;
  const admin = DEMO_USERS[0];
  if (!admins.some((u) => u.email === admin.email))
    await call(base, platform, 'POST', `/trusts/${trust.id}/users`, { email: admin.email, roles: admin.roles, password: admin.password });
  const adminToken = await signIn(base, admin.email, admin.password);
  const api = (method, path, body, contentType) => call(base, adminToken, method, path, body, contentType);
  if (existing.length > 0) say(`demo trust already loaded: ${trust.name} (${trust.id})`);
  else await loadSchools(api, trust);
  const { items: schools } = await api('GET', `/trusts/${trust.id}/schools?membership=member`);
  await ensureUsers(base, adminToken, trust, schools);
  const loader = DEMO_USERS.find((u) => u.email.startsWith('loader@'));
  const loaderToken = await signIn(base, loader.email, loader.password);
  /**
   * The API as demo user `email` with their sign-in linked to staff record `staffId`: a step only a named member of
   * staff takes (the QA lead's approval and sign-off) is theirs, never the loader's.
   */
  const asStaff = async (email, staffId) => {
    const user = (await api('GET', `/trusts/${trust.id}/users`)).items.find((u) => u.email === email);
    if (user.staffId !== staffId) await api('PATCH', `/trusts/${trust.id}/users/${user.id}`, { staffId });
    const token = await signIn(base, email, DEMO_USERS.find((u) => u.email === email).password);
    return (method, path, body, contentType) => call(base, token, method, path, body, contentType);
  };
  await loadServiceDemos(
    (method, path, body, contentType) => call(base, loaderToken, method, path, body, contentType),
    trust,
    schools,
    asStaff,
  );
  return trust;
}

/** The sign-ins `npm start` prints: the platform administrator and one demo user per role. */
export function demoSignIns() {
  return [{ email: BOOTSTRAP_ADMIN.email, roles: ['platform-admin'], password: BOOTSTRAP_ADMIN.password }, ...DEMO_USERS];
}

async function loadSchools(api, trust) {
  for (const school of SCHOOLS) await api('POST', `/trusts/${trust.id}/schools`, school);
  for (const [urn, i] of Object.entries(INSPECTIONS)) {
    const { judgements, ...rest } = i;
    await api('POST', `/trusts/${trust.id}/schools/${urn}/inspections`, {
      ...rest,
      judgements: judgements.map(([area, grade]) => ({ area, grade })),
    });
  }
  for (const [urn, years] of Object.entries(MEASURES)) {
    for (const [k, [attendance, persistentAbsence, attainmentExpectedStandard, inYearBalance]] of years.entries()) {
      const values = {
        attendance,
        persistentAbsence,
        inYearBalance,
        ...(attainmentExpectedStandard === null ? {} : { attainmentExpectedStandard }),
      };
      await api('POST', `/trusts/${trust.id}/schools/${urn}/measures`, { period: PERIODS[k], values });
    }
  }
  // The national register sample, so the trust can compare itself with schools around it.
  const samplePath = join(ROOT, '..', 'shared', 'data', 'gias', 'edubasealldata-sample-99.csv');
  const sample = existsSync(samplePath) ? readFileSync(samplePath) : null;
  const job = !sample
    ? { message: 'skipped (no ../shared/data/gias sample beside the repo)' }
    : await api('POST', `/trusts/${trust.id}/imports?scope=all&wait=true&fileName=edubasealldata-sample-99.csv`, sample, 'text/csv').catch(
        (err) => ({ message: err.message }),
      );
  const { items } = await api('GET', `/trusts/${trust.id}/schools?membership=member`);
  say(`demo trust loaded: ${trust.name} (${trust.id}), ${items.length} member schools; GIAS sample import: ${job.message ?? job.status}`);
  for (const s of items) say(`  ${s.urn} ${s.name.padEnd(40)} risk ${s.risk?.level ?? 'unassessed'}`);
}

/**
 * Each service's part of the demo lives in `scripts/demo/<service>.mjs` (`export async function
 * loadDemo({ api, trust, schools, say })`), loaded after the schools in this order, since improvement
 * deploys people's leaders and CPD enrols people's staff. Each loader finds what it loaded before and
 * leaves it as it is, so a second `npm start` changes nothing.
 */
async function loadServiceDemos(api, trust, schools, asStaff) {
  for (const service of ['people', 'improvement', 'cpd']) {
    const file = join(ROOT, 'scripts', 'demo', `${service}.mjs`);
    if (!existsSync(file)) continue;
    const { loadDemo } = await import(pathToFileURL(file).href);
    await loadDemo({ api, trust, schools, say, asStaff }).catch((err) => say(`${service} demo not loaded: ${err.message}`));
  }
}
