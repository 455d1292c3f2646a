import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

/** A risk level or a status as a labelled badge: the colour is never the only signal. */
export function Badge({ tone, children }: { tone: string; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export const RiskBadge = ({ level }: { level: string }) => <Badge tone={level}>{level}</Badge>;

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorNote({ error }: { error: Error }) {
  return (
    <div className="form-error" role="alert">
      <p>{error instanceof ApiError ? `${error.message} (${error.status})` : error.message}</p>
    </div>
  );
}

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="panel" aria-label={title}>
      <div className="panel-head">
        <h2>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
