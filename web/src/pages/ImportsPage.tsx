import { useEffect, useState } from 'react';
import { getSession, hasRole } from '../api/session';
import { DataTable } from '../components/DataTable';
import { ErrorNote, Loading, Section } from '../components/Status';
import { date } from '../format';
import { useLoad } from '../hooks';
import { ImportProgress } from './imports/ImportProgress';
import { UploadForm } from './imports/UploadForm';
import { FINISHED, importOf, listImports, type ImportJob, type Source } from './imports/imports';

/**
 * Imports (issue #14): upload a GIAS, Ofsted or staff file through the gateway's upload routes, follow its progress
 * and read its row errors. A trust administrator uploads every kind; HR staff lists; the CEO and executives read the
 * schools service's imports.
 */
export function ImportsPage() {
  const session = getSession();
  const sources: Source[] = [
    ...(hasRole(session, 'trust-admin', 'ceo', 'executive') ? (['schools'] as const) : []),
    ...(hasRole(session, 'trust-admin', 'hr') ? (['staff'] as const) : []),
  ];
  const uploads: Source[] = [
    ...(hasRole(session, 'trust-admin') ? (['schools'] as const) : []),
    ...(hasRole(session, 'trust-admin', 'hr') ? (['staff'] as const) : []),
  ];
  const list = useLoad(() => listImports(sources), []);
  const [watched, setWatched] = useState<ImportJob | null>(null);

  // Follow the chosen import until it has finished; the list is read again when it has.
  useEffect(() => {
    if (!watched || FINISHED.includes(watched.status)) return;
    let live = true;
    const timer = setInterval(() => {
      importOf(watched.source, watched.id).then(
        (job) => {
          if (!live) return;
          setWatched(job);
          if (FINISHED.includes(job.status)) list.reload();
        },
        () => undefined, // a failed poll is tried again on the next tick
      );
    }, 1000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [watched?.id, watched?.status]);

  return (
    <>
      <div className="grid">
        {uploads.length > 0 && (
          <Section title="Upload a file">
            <UploadForm
              sources={uploads}
              onStarted={(job) => {
                setWatched(job);
                list.reload();
              }}
            />
          </Section>
        )}
        {watched && (
          <Section title="Import progress">
            <ImportProgress job={watched} />
          </Section>
        )}
      </div>
      <Section title="Recent imports">
        {list.error && <ErrorNote error={list.error} />}
        {!list.data && !list.error && <Loading what="imports" />}
        {list.data && (
          <DataTable
            caption="Imports, newest first"
            rows={list.data}
            rowKey={(j) => `${j.source}-${j.id}`}
            empty="No file has been imported yet."
            columns={[
              { key: 'file', header: 'File', render: (j) => j.fileName ?? '(no name)', sort: (j) => j.fileName },
              { key: 'kind', header: 'Kind', render: (j) => kindName(j), sort: (j) => kindName(j) },
              { key: 'status', header: 'Status', render: (j) => j.status, sort: (j) => j.status },
              { key: 'started', header: 'Started', render: (j) => date(j.startedAt), sort: (j) => j.startedAt },
              { key: 'rows', header: 'Rows read', numeric: true, render: (j) => j.rowsRead, sort: (j) => j.rowsRead },
              { key: 'errors', header: 'Row errors', numeric: true, render: (j) => j.errorCount, sort: (j) => j.errorCount },
              {
                key: 'show',
                header: 'Details',
                render: (j) => (
                  <button type="button" className="link" onClick={() => setWatched(j)}>
                    Show {j.fileName ?? 'import'} ({date(j.startedAt)})
                  </button>
                ),
              },
            ]}
          />
        )}
      </Section>
    </>
  );
}

export const kindName = (j: ImportJob) =>
  j.source === 'staff'
    ? 'staff list'
    : ({ 'gias-establishments': 'GIAS establishments', 'gias-groups': 'GIAS groups', 'gias-links': 'GIAS group links', ofsted: 'Ofsted' }[
        j.kind ?? ''
      ] ??
      j.kind ??
      '');
