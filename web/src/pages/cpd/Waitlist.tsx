import { api, trustPath } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { ErrorNote, Loading } from '../../components/Status';
import { useLoad } from '../../hooks';
import type { Cohort, Enrolment } from './cpd';

/** A cohort's waitlist in order: position 1 is offered the next place that frees up. */
export function Waitlist({ cohort, title, names }: { cohort: Cohort; title: string; names: Map<string, string> }) {
  const list = useLoad(() => api.get<Enrolment[]>(`${trustPath()}/cohorts/${cohort.id}/waitlist`), [cohort.id]);
  if (list.error) return <ErrorNote error={list.error} />;
  if (!list.data) return <Loading what="the waitlist" />;
  return (
    <DataTable
      caption={`Waitlist of ${title}, in order`}
      rows={list.data}
      rowKey={(e) => e.id}
      empty="Nobody is waiting."
      columns={[
        { key: 'position', header: 'Position', numeric: true, render: (e) => e.position ?? '–' },
        { key: 'who', header: 'Member of staff', render: (e) => names.get(e.staffId) ?? e.staffId },
        { key: 'arrival', header: 'Request number', numeric: true, render: (e) => e.arrival },
      ]}
    />
  );
}
