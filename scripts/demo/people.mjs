// The people service's part of the demo trust, loaded through the public API (the gateway), after the
// schools: staff (with an executive head of two schools and aspiring heads with self-assessments) and
// designations in every state the API can reach today. Run again, it finds what it loaded (staff by
// work email, designations by person and type, steps by their history) and changes nothing.
//
// Lapsed and due-for-renewal need time to pass: a term runs four years and cannot start in the past,
// so the scheduled expiry run lapses or flags a term only when its end comes. The demo shows renewed instead.

const HR = 'hr-demo';

/** Staff by the URN of their employing school; roles with past spells where years in role matter. */
const STAFF = [
  {
    key: 'ceo',
    firstName: 'Helen',
    lastName: 'Ashworth',
    urn: 149001,
    joinedOn: '2014-09-01',
    roles: [{ role: 'ceo', startedOn: '2014-09-01' }],
  },
  // The executive head of two schools: The Willows (outstanding) and Castle Hill.
  {
    key: 'exec',
    firstName: 'Marcus',
    lastName: 'Webb',
    urn: 149005,
    joinedOn: '2012-09-01',
    roles: [
      { role: 'headteacher', urn: 149005, startedOn: '2012-09-01', endedOn: '2017-08-31' },
      { role: 'executive-headteacher', urn: 149005, startedOn: '2017-09-01' },
      { role: 'executive-headteacher', urn: 149002, startedOn: '2019-01-01' },
    ],
  },
  {
    key: 'castleHoS',
    firstName: 'Rachel',
    lastName: 'Green',
    urn: 149002,
    joinedOn: '2019-01-01',
    roles: [{ role: 'head-of-school', urn: 149002, startedOn: '2019-01-01' }],
  },
  {
    key: 'abbeyHead',
    firstName: 'Priya',
    lastName: 'Shah',
    urn: 149001,
    joinedOn: '2016-09-01',
    roles: [{ role: 'headteacher', urn: 149001, startedOn: '2016-09-01' }],
  },
  {
    key: 'meadowHead',
    firstName: 'Tom',
    lastName: 'Okafor',
    urn: 149004,
    joinedOn: '2019-09-01',
    roles: [{ role: 'headteacher', urn: 149004, startedOn: '2019-09-01' }],
  },
  {
    key: 'riversideHead',
    firstName: 'Sarah',
    lastName: 'Lindqvist',
    urn: 149003,
    joinedOn: '2018-09-01',
    roles: [{ role: 'headteacher', urn: 149003, startedOn: '2018-09-01' }],
  },
  {
    key: 'northgateHead',
    firstName: 'David',
    lastName: 'Mensah',
    urn: 149006,
    joinedOn: '2023-01-01',
    roles: [{ role: 'headteacher', urn: 149006, startedOn: '2023-01-01' }],
  },
  // Aspiring heads (deputies and an assistant head), each with a self-assessment.
  {
    key: 'abbeyDeputy',
    firstName: 'Aisha',
    lastName: 'Begum',
    urn: 149001,
    joinedOn: '2017-09-01',
    roles: [{ role: 'deputy-headteacher', urn: 149001, startedOn: '2019-09-01' }],
  },
  {
    key: 'riversideDeputy',
    firstName: 'Ben',
    lastName: 'Hughes',
    urn: 149003,
    joinedOn: '2015-09-01',
    roles: [{ role: 'deputy-headteacher', urn: 149003, startedOn: '2020-09-01' }],
  },
  {
    key: 'meadowAssistant',
    firstName: 'Emma',
    lastName: 'Lewis',
    urn: 149004,
    joinedOn: '2018-09-01',
    roles: [{ role: 'assistant-headteacher', urn: 149004, startedOn: '2021-09-01' }],
  },
  {
    key: 'willowsLeader',
    firstName: 'James',
    lastName: 'Carter',
    urn: 149005,
    joinedOn: '2016-09-01',
    roles: [{ role: 'middle-leader', urn: 149005, startedOn: '2018-09-01' }],
  },
  {
    key: 'northgateLeader',
    firstName: 'Olivia',
    lastName: 'Novak',
    urn: 149006,
    joinedOn: '2020-09-01',
    roles: [{ role: 'middle-leader', urn: 149006, startedOn: '2021-09-01' }],
  },
  {
    key: 'abbeyTeacher',
    firstName: 'Noah',
    lastName: 'Patel',
    urn: 149001,
    joinedOn: '2022-09-01',
    roles: [{ role: 'teacher', urn: 149001, startedOn: '2022-09-01' }],
  },
];

const emailOf = (p) => `${p.firstName}.${p.lastName}@fenland-demo.sch.uk`.toLowerCase();

/** Each designation and the steps that bring it to the state it shows. */
const DESIGNATIONS = [
  {
    who: 'exec',
    type: 'nle',
    show: 'active',
    steps: ['approve', 'activate'],
    supportRecord: 'Led Castle Hill out of requires improvement (2019–2022) and supported two local schools',
  },
  { who: 'abbeyHead', type: 'lle', show: 'renewed (active, next term agreed)', steps: ['approve', 'activate', 'renew'] },
  { who: 'meadowHead', type: 'lle', show: 'approved (term starts 1 September)', steps: ['approve'], termStartsNextSeptember: true },
  {
    who: 'riversideHead',
    type: 'lle',
    show: "applied (its school's latest report card needs attention: approval would be refused)",
    steps: [],
  },
  { who: 'abbeyDeputy', type: 'sle', specialisms: ['maths'], show: 'suspended', steps: ['approve', 'activate', 'suspend'] },
  { who: 'willowsLeader', type: 'sle', specialisms: ['send'], show: 'revoked', steps: ['approve', 'activate', 'revoke'] },
  { who: 'meadowAssistant', type: 'sle', specialisms: ['early-years'], show: 'refused', steps: ['refuse'] },
  { who: 'exec', type: 'professional-partner', show: 'active', steps: ['approve', 'activate'] },
];

const REASONS = {
  approve: 'Designation panel: evidence meets the criteria',
  activate: 'Term begins',
  renew: 'Renewal panel: continued impact in supported schools',
  suspend: 'Suspended pending a review of a complaint',
  revoke: 'Left the leadership role that the designation relied on',
  refuse: 'Not yet two years in a leadership role below headteacher',
};

/** Confidence 1–10 an aspiring head gives each skill: a stable spread per person, low on a few skills (what gap reports pick up). */
function confidences(skills, seed) {
  return Object.fromEntries(
    skills.map((s, i) => [s.id, Math.max(3, Math.min(10, 6 + ((i * 7 + seed * 3) % 5) - (i % 6 === seed % 6 ? 3 : 0)))]),
  );
}

const todayIso = () => new Date().toISOString().slice(0, 10);
const nextSeptember = () => {
  const now = new Date();
  const y = now.getUTCMonth() >= 8 ? now.getUTCFullYear() + 1 : now.getUTCFullYear();
  return `${y}-09-01`;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Retries a request refused (422) for want of what `notYet` names, for up to a minute: what people knows of the schools comes
 * from the schools service's events, which may not have arrived right after the schools were loaded.
 */
async function untilKnown(notYet, request) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await request();
    } catch (err) {
      if (!/: 422 /.test(err.message) || !notYet.test(err.message) || attempt >= 60) throw err;
      await sleep(1000);
    }
  }
}

export async function loadDemo({ api, trust, schools, say }) {
  const t = `/trusts/${trust.id}`;
  const schoolId = (urn) => {
    const s = schools.find((x) => x.urn === urn);
    if (!s) throw new Error(`school ${urn} is not a member school of the demo trust`);
    return s.id;
  };

  // Staff: found by work email, else joined. The people service learns the schools from the schools
  // service's events; right after they were registered it may not know them yet (422 on schoolId): wait.
  const ids = {};
  let joined = 0;
  for (const p of STAFF) {
    const email = emailOf(p);
    const found = (await api('GET', `${t}/staff?q=${encodeURIComponent(email)}&limit=5`)).items.find((s) => s.workEmail === email);
    if (found) {
      ids[p.key] = found.id;
      continue;
    }
    const body = { firstName: p.firstName, lastName: p.lastName, workEmail: email, schoolId: schoolId(p.urn), joinedOn: p.joinedOn };
    ids[p.key] = (await untilKnown(/is not a school of this trust/, () => api('POST', `${t}/staff`, body))).id;
    joined++;
  }
  // Role spells, past and present: added when the person's history lacks them.
  for (const p of STAFF) {
    const have = (await api('GET', `${t}/staff/${ids[p.key]}`)).roles;
    for (const r of p.roles) {
      const sid = r.urn ? schoolId(r.urn) : null;
      if (have.some((h) => h.role === r.role && h.schoolId === sid && h.startedOn === r.startedOn)) continue;
      await api('POST', `${t}/staff/${ids[p.key]}/roles`, {
        role: r.role,
        schoolId: sid,
        startedOn: r.startedOn,
        ...(r.endedOn ? { endedOn: r.endedOn } : {}),
      });
    }
  }

  // Self-assessments of the aspiring heads (and of the heads aspiring to be LLEs' executive heads).
  const { skills } = await api('GET', `${t}/skills/framework`);
  const assessments = [
    ['abbeyDeputy', 'lle', 1],
    ['riversideDeputy', 'lle', 2],
    ['meadowAssistant', 'lle', 3],
    ['meadowHead', 'executive-headteacher', 4],
  ];
  for (const [key, role, seed] of assessments) {
    const existing = await api('GET', `${t}/staff/${ids[key]}/assessments`);
    if (existing.some((a) => a.role === role)) continue;
    await api('POST', `${t}/staff/${ids[key]}/assessments`, {
      role,
      aspiring: true,
      assessedOn: todayIso(),
      confidences: confidences(skills, seed),
    });
  }

  // Designations, each brought through the steps of its state (what its history already has is skipped).
  const shown = [];
  for (const d of DESIGNATIONS) {
    const staffId = ids[d.who];
    const person = STAFF.find((p) => p.key === d.who);
    const existing = (await api('GET', `${t}/designations?staffId=${staffId}&type=${d.type}&limit=50`)).items;
    let id = existing[0]?.id;
    if (!id) {
      id = (
        await api('POST', `${t}/designations`, {
          staffId,
          type: d.type,
          ...(d.specialisms ? { specialisms: d.specialisms } : {}),
          reason: 'Nominated by the CEO',
          decidedBy: 'ceo-demo',
        })
      ).id;
    }
    const evidence = {
      outcomes: 'Pupils at the expected standard in reading, writing and maths rose from 58% to 74% in three years',
      ...(d.supportRecord ? { supportRecord: d.supportRecord } : {}),
      commitment: {
        schoolId: schoolId(person.urn),
        daysPerYear: d.type === 'sle' ? 10 : 20,
        signedBy: 'chair-of-governors',
        signedOn: '2025-07-01',
      },
    };
    for (const action of d.steps) {
      const current = await api('GET', `${t}/designations/${id}`);
      if (current.history.some((h) => h.action === action)) continue;
      const body =
        action === 'approve'
          ? { reason: REASONS.approve, decidedBy: HR, termStartsOn: d.termStartsNextSeptember ? nextSeptember() : todayIso(), ...evidence }
          : action === 'renew'
            ? { reason: REASONS.renew, decidedBy: HR, ...evidence }
            : { reason: REASONS[action], decidedBy: HR };
      try {
        // The school's latest inspection also comes from the schools service's events: wait for it too.
        await untilKnown(/no inspection on record/, () => api('POST', `${t}/designations/${id}/${action}`, body));
      } catch (err) {
        // The expiry run may have started a term that has begun just before: the step is done.
        const after = await api('GET', `${t}/designations/${id}`);
        if (!(action === 'activate' && after.status === 'active')) throw err;
      }
    }
    const final = await api('GET', `${t}/designations/${id}`);
    shown.push(
      `  ${`${person.firstName} ${person.lastName}`.padEnd(18)} ${d.type.toUpperCase().padEnd(21)} ${final.status.padEnd(10)} ${d.show}`,
    );
  }

  const { total } = await api('GET', `${t}/staff?limit=1`);
  say(`people demo: ${total} staff (${joined} joined now), ${DESIGNATIONS.length} designations:`);
  for (const line of shown) say(line);
  say("  lapsed and due-for-renewal need time to pass (the expiry run does them at a term's end); renewed is shown instead");
}
