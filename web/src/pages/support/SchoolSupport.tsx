import { api, trustPath } from '../../api/client';
import type { RegisterSchool } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { Badge, ErrorNote, Loading, Section } from '../../components/Status';
import { date, words } from '../../format';
import { useLoad } from '../../hooks';
import { pounds } from '../cpd/money';
import type { SupportAgreement } from './support';

/** A headteacher's or head of school's view: the support their schools receive and give. */
export function SchoolSupport({ schoolIds }: { schoolIds: string[] }) {
  const data = useLoad(
    () =>
      Promise.all([
        api.get<{ items: RegisterSchool[] }>(`${trustPath()}/schools?limit=1000`),
        Promise.all(
          schoolIds.map((id) =>
            api.get<{ schoolId: string; received: SupportAgreement[]; given: SupportAgreement[] }>(`${trustPath()}/support/schools/${id}`),
          ),
        ),
      ]),
    [schoolIds.join()],
  );
  if (data.error) return <ErrorNote error={data.error} />;
  if (!data.data) return <Loading what="your schools' support" />;
  const [{ items: schools }, supports] = data.data;
  const name = (id: string) => schools.find((s) => s.id === id)?.name ?? 'a school';
  if (supports.length === 0) return <p>Your account leads no school, so there is no support to show.</p>;
  return (
    <>
      {supports.map((s) =>
        (['received', 'given'] as const).map((way) => (
          <Section key={`${s.schoolId}-${way}`} title={`${name(s.schoolId)}: support ${way}`}>
            <DataTable
              caption={`Support ${name(s.schoolId)} ${way === 'received' ? 'receives' : 'gives'}`}
              rows={s[way]}
              rowKey={(a) => a.id}
              empty={way === 'received' ? 'No support received.' : 'No support given.'}
              columns={[
                {
                  key: 'other',
                  header: way === 'received' ? 'From' : 'To',
                  render: (a) => (way === 'received' ? a.supportingSchoolIds : a.supportedSchoolIds).map(name).join(', '),
                },
                { key: 'status', header: 'Status', render: (a) => <Badge tone="info">{a.status}</Badge> },
                { key: 'dates', header: 'Dates', render: (a) => `${date(a.schedule.startsOn)} – ${date(a.schedule.endsOn)}` },
                {
                  key: 'impact',
                  header: 'Intended impact',
                  render: (a) => a.impact.map((c) => `${c.measure}: ${c.baseline} → ${c.target}`).join('; '),
                },
                {
                  key: 'funding',
                  header: 'Funding',
                  render: (a) => `${pounds(a.funding.spentPence)} of ${pounds(a.funding.amountPence)} (${words(a.funding.source)})`,
                },
              ]}
            />
          </Section>
        )),
      )}
    </>
  );
}
