import { DataTable } from '../../components/DataTable';
import { Badge } from '../../components/Status';
import { FINISHED, type ImportJob, type RowError } from './imports';

const TONE: Record<ImportJob['status'], string> = {
  queued: 'info',
  running: 'info',
  completed: 'green',
  failed: 'red',
  interrupted: 'amber',
};

/** What a row was about, as the file names it: URN, staff number, group UID… */
function subject(e: RowError): string {
  return Object.entries(e)
    .filter(([k, v]) => k !== 'line' && k !== 'reason' && v !== undefined)
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(', ');
}

const kb = (n: number) => (n < 1024 ? `${n} bytes` : `${(n / 1024).toFixed(1)} kB`);

/** An import's progress (bytes read of the file), its counts and its row errors. */
export function ImportProgress({ job }: { job: ImportJob }) {
  const finished = FINISHED.includes(job.status);
  const counts: [string, number | undefined][] = [
    ['Rows read', job.rowsRead],
    ['Created', job.created],
    ['Updated', job.updated],
    ['Unchanged', job.unchanged],
    ['Skipped', job.skipped],
    ['Row errors', job.errorCount],
  ];
  return (
    <div className="import-progress" aria-live="polite">
      <p>
        <strong>{job.fileName ?? 'The file'}</strong> <Badge tone={TONE[job.status]}>{job.status}</Badge>{' '}
        {!finished && <span className="muted">(checking every second)</span>}
      </p>
      <p>
        <label>
          Read {kb(job.processedBytes)} of {kb(job.totalBytes)}{' '}
          <progress max={Math.max(job.totalBytes, 1)} value={finished ? Math.max(job.totalBytes, 1) : job.processedBytes} />
        </label>
      </p>
      <ul className="cards" aria-label="Rows">
        {counts
          .filter(([, n]) => n !== undefined)
          .map(([label, n]) => (
            <li className="card" key={label}>
              <strong>{n}</strong> {label.toLowerCase()}
            </li>
          ))}
      </ul>
      {job.message && (
        <p className={job.status === 'failed' ? 'form-error' : 'muted'} role={job.status === 'failed' ? 'alert' : undefined}>
          {job.message}
        </p>
      )}
      {(job.errors.length > 0 || (finished && job.errorCount > 0)) && (
        <DataTable
          caption={`Row errors${job.errorCount > job.errors.length ? ` (the first ${job.errors.length} of ${job.errorCount})` : ''}`}
          rows={job.errors}
          rowKey={(e) => `${e.line}-${e.reason}`}
          initialSort={{ key: 'line', dir: 'asc' }}
          columns={[
            { key: 'line', header: 'Line', numeric: true, render: (e) => e.line, sort: (e) => e.line },
            { key: 'about', header: 'About', render: subject },
            { key: 'reason', header: 'Reason', render: (e) => e.reason },
          ]}
        />
      )}
    </div>
  );
}
