// The CPD part of the demo trust, through the public API (the gateway). Runs after the people demo:
// the staff exist there, and reach the CPD service through people events. Run again, it finds its
// reading cohort and leaves everything as it is.

const days = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Enrols whoever is accepted, in order; refusals (prerequisites, duplicates) are passed over. */
async function enrolAll(api, t, cohortId, staff, commissionId) {
  const results = [];
  for (const s of staff) {
    try {
      results.push(await api('POST', `/trusts/${t}/enrolments`, { cohortId, staffId: s.id, commissionId }));
    } catch {
      // refused with a reason (422/409): the demo moves on to the next person
    }
  }
  return results;
}

/** Every item of one of the service's paged lists (`{items, total, limit, offset}`), 500 at a time. */
async function every(api, path) {
  const items = [];
  for (;;) {
    const page = await api('GET', `${path}${path.includes('?') ? '&' : '?'}limit=500&offset=${items.length}`);
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}

export async function loadDemo({ api, trust, schools, say }) {
  const t = trust.id;
  await api('POST', `/trusts/${t}/programmes/defaults`);
  const programmes = Object.fromEntries((await every(api, `/trusts/${t}/programmes`)).map((p) => [p.code, p]));
  const reading = programmes['TRUST-READING'];
  if ((await api('GET', `/trusts/${t}/cohorts?programmeId=${reading.id}&limit=1`)).total > 0) {
    say(`cpd demo already loaded: ${Object.keys(programmes).length} programmes`);
    return;
  }
  const { items: staff } = await api('GET', `/trusts/${t}/staff?status=employed&limit=500`);
  if (staff.length < 4) throw new Error("the CPD demo needs the people demo's staff (GET /staff found fewer than 4)");
  // The CPD service learns of staff from people events: wait until it knows the first of them.
  const facilitator = staff[0];
  const venue = { schoolId: schools[0].id };
  const cohort = (programmeId, places, start, titles) =>
    api('POST', `/trusts/${t}/cohorts`, {
      programmeId,
      places,
      sessions: titles.map((title, i) => ({ date: days(start + i * 14), title })),
      venue,
      facilitatorIds: [facilitator.id],
    });
  let readingCohort;
  for (let attempt = 0; ; attempt++) {
    try {
      readingCohort = await cohort(reading.id, 3, 21, ['Phonics and early reading', 'Reading fluency', 'Leading reading across schools']);
      break;
    } catch (err) {
      if (attempt >= 30) throw err;
      await sleep(1000);
    }
  }
  // A commission of the reading programme for the schools, with a budget for three places and a bit.
  const commission = await api('POST', `/trusts/${t}/commissions`, {
    programmeId: reading.id,
    schoolIds: schools.map((s) => s.id),
    budgetPence: reading.costPerPlace * 3 + 5_000,
  });
  // The full cohort: three places, the rest of the staff wait in the order they asked.
  const readers = await enrolAll(api, t, readingCohort.id, staff.slice(1, 8), commission.id);
  const npqh = await cohort(programmes.NPQH.id, 12, 35, [
    'Module 1: school culture',
    'Module 2: teaching',
    'Module 3: curriculum and assessment',
    'Module 4: leading change',
  ]);
  const npqhEnrolled = await enrolAll(api, t, npqh.id, staff);
  const eml = await cohort(programmes['TRUST-EML'].id, 15, 28, ['Leading a team', 'Using data', 'Coaching']);
  await enrolAll(api, t, eml.id, staff);
  // Participants' feedback, then the impact of the reading programme on the schools whose staff took part.
  for (const [i, e] of readers.filter((r) => r.status === 'enrolled').entries()) {
    await api('POST', `/trusts/${t}/enrolments/${e.id}/feedback`, {
      ratings: { overall: 5 - (i % 2), relevance: 5, impactOnPractice: 4 },
      wouldRecommend: true,
    });
  }
  const evaluation = await api('POST', `/trusts/${t}/evaluations`, {
    programmeId: reading.id,
    measure: 'attainmentExpectedStandard',
    before: '2023/24',
    after: '2024/25',
  });
  const budget = await api('GET', `/trusts/${t}/commissions/${commission.id}`);
  const waiting = readers.filter((r) => r.status === 'waitlisted').length;
  say(
    `cpd demo loaded: ${Object.keys(programmes).length} programmes (NPQs and trust programmes); reading cohort full with ${waiting} waiting; NPQH ${npqhEnrolled.length} enrolled`,
  );
  say(`  reading commission: ${budget.summary}${budget.nearBudget ? ' (near budget)' : ''}`);
  say(`  reading impact: ${evaluation.result.summary}`);
}
