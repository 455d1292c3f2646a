// The improvement part of the demo trust, loaded through the public API after the people demo:
// improvement plans for the weaker schools, support agreements in every state (draft, agreed, active
// with an overdue interim report, completed, ended), and one leader near their capacity. Idempotent:
// each agreement carries a "Demo agreement: <key>" responsibility and is found by it on a second run.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const academicYear = (date) => {
  const [y, m] = date.split('-').map(Number);
  const start = m >= 9 ? y : y - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
};

/** Retries while the improvement service's projections (schools, leaders) catch up with the events. */
async function eventually(what, fn, { tries = 60, every = 500 } = {}) {
  for (let i = 1; ; i++) {
    try {
      const value = await fn();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      if (i >= tries) throw err;
    }
    if (i >= tries) throw new Error(`${what}: not ready after ${(tries * every) / 1000} s`);
    await sleep(every);
  }
}

export async function loadDemo({ api, trust, schools, say, asStaff }) {
  const t = `/trusts/${trust.id}`;
  const today = day(0);
  const year = academicYear(today);
  const designations = (await api('GET', `${t}/designations?status=active&limit=500`)).items ?? [];
  const qa = designations.find((d) => d.type === 'lle');
  // One entry a leader: a leader may hold two designations (an NLE who is also a professional partner).
  const deployable = [...new Map(designations.filter((d) => d.staffId !== qa?.staffId).map((d) => [d.staffId, d])).values()];
  if (!qa || deployable.length === 0) {
    say('improvement demo: needs an active LLE (QA lead) and another active designation from the people demo; skipped');
    return;
  }
  // Wait for the improvement service to know the leaders and the schools from the events.
  for (const d of [qa, ...deployable]) {
    await eventually(`leader ${d.staffId}`, async () =>
      (await api('GET', `${t}/support/leaders/${d.staffId}`)).designations.some((x) => x.status === 'active'),
    );
  }
  await api('PUT', `${t}/support/settings`, { maxConcurrentSupportingAgreements: 4 });

  // Improvement plans for the weaker schools (red or amber risk), one live per school and year.
  const riskOf = (s) => s.risk?.level ?? s.riskLevel;
  const weaker = schools.filter((s) => riskOf(s) === 'red' || riskOf(s) === 'amber');
  const weak = weaker.length > 0 ? weaker : schools.slice(-2);
  for (const school of weak) {
    const existing = await api('GET', `${t}/plans?schoolId=${school.id}&academicYear=${encodeURIComponent(year)}&status=live`);
    if (existing.total > 0) continue;
    const plan = await eventually(`school ${school.name} in the improvement directory`, () =>
      api('POST', `${t}/plans`, { schoolId: school.id, academicYear: year }),
    );
    const reading = await api('POST', `${t}/plans/${plan.id}/priorities`, {
      title: 'Raise reading at the expected standard',
      link: { kind: 'inspection-area', framework: 'oeif', area: 'quality-of-education' },
    });
    const readingId = reading.priorities[0].id;
    await api('POST', `${t}/plans/${plan.id}/priorities/${readingId}/actions`, {
      title: 'Phonics training for every KS1 teacher',
      ownerId: qa.staffId,
      dueOn: day(-14),
    });
    await api('POST', `${t}/plans/${plan.id}/priorities/${readingId}/actions`, {
      title: 'Reading fluency interventions in Year 5',
      ownerId: qa.staffId,
      dueOn: day(60),
      status: 'on-track',
    });
    const attendance = await api('POST', `${t}/plans/${plan.id}/priorities`, {
      title: 'Cut persistent absence',
      link: { kind: 'measure', measure: 'persistentAbsence' },
    });
    const attendanceId = attendance.priorities.find((p) => p.title === 'Cut persistent absence').id;
    await api('POST', `${t}/plans/${plan.id}/priorities/${attendanceId}/actions`, {
      title: 'First-day calls home',
      ownerId: qa.staffId,
      dueOn: day(30),
      status: 'done',
      evidence: ['Attendance log, autumn term'],
    });
    say(`  improvement plan ${year} for ${school.name}`);
  }

  // Parties: the leader's school supports a weaker school; the QA lead is from neither.
  const near = deployable[0];
  const other = deployable[1] ?? near;
  const supporting = near.schoolId;
  const supported =
    weak.find((s) => s.id !== supporting && s.id !== qa.schoolId) ?? schools.find((s) => s.id !== supporting && s.id !== qa.schoolId);
  if (!supported) {
    say('improvement demo: no school to support apart from the leader’s and the QA lead’s; agreements skipped');
    return;
  }
  const release =
    (await api('GET', `${t}/support/leaders/${near.staffId}`)).capacity.find((c) => c.academicYear === year)?.availableDays ?? 0;
  // Three days left once the others are committed: the draft's four are too many (the QA lead's approval is refused
  // until the CEO deploys fewer), and a day or two more can still be given elsewhere.
  const nearDays = Math.max(1, release - 4 - (other === near ? 2 : 0));
  const inYear = (days) => ({ days, daysByYear: { [year]: days } });

  const { items: known } = await api('GET', `${t}/agreements?limit=500`);
  const byKey = new Map();
  for (const a of known) for (const r of a.responsibilities) if (r.text.startsWith('Demo agreement: ')) byKey.set(r.text.slice(16), a);

  const body = (key, schedule, criterion) => ({
    supportedSchoolIds: [supported.id],
    supportingSchoolIds: [supporting],
    priorityAreas: [{ kind: 'inspection-area', framework: 'oeif', area: 'quality-of-education' }],
    responsibilities: [
      { party: 'supported', text: 'Release the English lead for joint planning every fortnight' },
      { party: 'supporting', text: 'Coach the English lead; model phonics lessons' },
      { party: 'trust', text: `Demo agreement: ${key}` },
    ],
    impact: [criterion ?? { measure: 'KS2 reading at the expected standard (%)', baseline: 52, target: 65, byWhen: schedule.endsOn }],
    schedule,
    funding: { source: key === 'ended' ? 'trust-budget' : 'strategic-improvement-fund', amountPence: 1_200_000 },
    qaLeadId: qa.staffId,
  });
  const ensure = async (key, schedule, steps, criterion) => {
    if (byKey.has(key)) return byKey.get(key);
    let a = await api('POST', `${t}/agreements`, body(key, schedule, criterion));
    for (const step of steps) await step(a);
    a = await api('GET', `${t}/agreements/${a.id}`);
    say(`  support agreement (${a.status}): ${key}`);
    return a;
  };
  const deploy = (staffId, days) => (a) => api('POST', `${t}/agreements/${a.id}/deployments`, { leaderId: staffId, ...inYear(days) });
  // The QA lead approves and signs off as themselves: qa@fenland.demo is linked to their staff record (once the
  // gateway's read model knows the record).
  const asQa = await eventually('the QA lead’s sign-in linked to their staff record', () => asStaff('qa@fenland.demo', qa.staffId));
  const agree = (a) => asQa('POST', `${t}/agreements/${a.id}/agree`, {});
  const start = (a) => api('POST', `${t}/agreements/${a.id}/start`, { by: 'demo-ceo' });

  // Draft: dates in the future, no QA approval yet.
  await ensure('draft', { startsOn: day(30), endsOn: day(200), interimReportsDue: [day(110)], finalReportDue: day(210) }, [
    deploy(other.staffId, 4),
  ]);
  // Active, started four months ago; its interim report was due last week and is overdue (flagged by the service's schedule).
  await ensure('active', { startsOn: day(-120), endsOn: day(120), interimReportsDue: [day(-7)], finalReportDue: day(130) }, [
    deploy(near.staffId, nearDays),
    agree,
    start,
    (a) =>
      api('POST', `${t}/agreements/${a.id}/spends`, {
        amountPence: 250_000,
        spentOn: day(-30),
        description: 'Supply cover for joint planning',
      }),
  ]);
  // Agreed by the QA lead, starting next month.
  await ensure('agreed', { startsOn: day(20), endsOn: day(180), interimReportsDue: [day(100)], finalReportDue: day(190) }, [
    deploy(other.staffId, 2),
    agree,
  ]);
  // Ended early, with a reason: its leader's days are released.
  await ensure('ended', { startsOn: day(-60), endsOn: day(100), interimReportsDue: [day(20)], finalReportDue: day(110) }, [
    deploy(other.staffId, 1),
    agree,
    start,
    (a) =>
      api('POST', `${t}/agreements/${a.id}/end`, { reason: 'The supported school’s new head arrived with her own plan', by: 'demo-ceo' }),
  ]);
  // Completed today: reports submitted, the final signed off by the QA lead.
  await ensure(
    'completed',
    { startsOn: day(-150), endsOn: today, interimReportsDue: [day(-75)], finalReportDue: day(10) },
    [
      deploy(other.staffId, 1),
      agree,
      start,
      async (a) => {
        const detail = await api('GET', `${t}/agreements/${a.id}`);
        const criterion = detail.impact[0].id;
        const [interim, final] = detail.reports;
        await api('POST', `${t}/impact-reports/${interim.id}/submit`, {
          measured: { [criterion]: 91 },
          narrative: 'Calls home started; persistent absence falling.',
          submittedBy: 'demo-head',
        });
        await api('POST', `${t}/impact-reports/${final.id}/submit`, {
          measured: { [criterion]: 95.5 },
          narrative: 'Attendance met its target.',
          submittedBy: 'demo-head',
        });
        await asQa('POST', `${t}/impact-reports/${final.id}/sign-off`, {});
        return api('POST', `${t}/agreements/${a.id}/complete`, { by: 'demo-ceo' });
      },
    ],
    { measure: 'Attendance (%)', baseline: 90, target: 95, byWhen: today },
  );
  const leader = await api('GET', `${t}/support/leaders/${near.staffId}`);
  const cap = leader.capacity.find((c) => c.academicYear === year);
  if (cap) say(`  leader ${near.staffId}: ${cap.committedDays} of ${cap.availableDays} days committed in ${year}`);
}
