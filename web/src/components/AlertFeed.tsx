import { useEffect, useRef, useState } from 'react';
import { followAlerts } from '../api/alert-stream';
import { api } from '../api/client';
import type { Alert } from '../api/types';
import { date, dateTime, words } from '../format';
import { Badge } from './Status';

const SEVERITY_TONE: Record<string, string> = {
  high: 'red',
  critical: 'red',
  medium: 'amber',
  warning: 'amber',
  low: 'info',
  info: 'info',
};

/**
 * The newest alerts, with new ones arriving live (no reload) and announced politely to screen readers. Titles are
 * prefixed with the school(s) they are about, named from the caller's own list.
 */
export function AlertFeed({
  trustId,
  limit = 15,
  canAcknowledge = false,
  onLiveAlert,
}: {
  trustId: string;
  limit?: number;
  /** Shows an Acknowledge button on each open alert (the roles the gateway lets acknowledge). */
  canAcknowledge?: boolean;
  /** Told of each alert the stream brings (not those loaded first), e.g. to refresh what the alert is about. */
  onLiveAlert?: (alert: Alert) => void;
}) {
  // The latest callback, read when an alert arrives (the stream is opened once, not at every render).
  const onLive = useRef(onLiveAlert);
  useEffect(() => {
    onLive.current = onLiveAlert;
  }, [onLiveAlert]);
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [acking, setAcking] = useState<Record<string, string>>({});
  const [focusAck, setFocusAck] = useState<string | null>(null);
  // The button is gone once acknowledged: keyboard focus goes to the alert's line saying who acknowledged it.
  useEffect(() => {
    if (!focusAck) return;
    document.getElementById(`ack-${focusAck}`)?.focus();
    setFocusAck(null);
  }, [focusAck]);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [live, setLive] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!trustId) return;
    let stop = () => {};
    let cancelled = false;
    api.get<{ alerts: Alert[] }>(`/trusts/${trustId}/alerts?limit=${limit}`).then(
      ({ alerts: first }) => {
        if (cancelled) return;
        setAlerts(first);
        // The stream starts after the newest alert already shown.
        stop = followAlerts(
          trustId,
          (a) => {
            setAlerts((list) => (list.some((x) => x.alertId === a.alertId) ? list : [a, ...list].slice(0, 50)));
            setFresh((s) => new Set(s).add(a.alertId));
            onLive.current?.(a);
          },
          setLive,
          first[0] ? String(first[0].seq) : null,
        );
      },
      (err: Error) => setError(err.message),
    );
    return () => {
      cancelled = true;
      stop();
    };
  }, [trustId, limit]);

  const acknowledge = async (a: Alert) => {
    setAcking((m) => ({ ...m, [a.alertId]: 'busy' }));
    try {
      const after = await api.post<Alert>(`/trusts/${trustId}/alerts/${a.alertId}/acknowledge`);
      setAlerts((list) => list.map((x) => (x.alertId === a.alertId ? { ...x, acknowledged: after.acknowledged } : x)));
      setAcking(({ [a.alertId]: _done, ...rest }) => rest);
      setFocusAck(a.alertId);
    } catch (err) {
      setAcking((m) => ({ ...m, [a.alertId]: (err as Error).message }));
    }
  };

  // Titled with the schools it is about, as the gateway names them (whether or not the page lists them).
  const titleOf = (a: Alert) => {
    const schools = (a.schools ?? []).map((s) => s.name);
    return schools.length > 0 ? `${schools.join(', ')}: ${a.title}` : a.title;
  };
  return (
    <>
      <p className="muted small">{live ? '● Live: new alerts appear here as they happen.' : 'Connecting to live alerts…'}</p>
      {error && <p className="field-error">{error}</p>}
      {/* Focusable: the list scrolls, and keyboard users must be able to scroll it. */}
      <ul className="alerts" aria-live="polite" aria-label="Alerts, newest first" tabIndex={0}>
        {alerts.length === 0 && <li className="muted">No alerts.</li>}
        {alerts.map((a) => (
          <li key={a.alertId} className={fresh.has(a.alertId) ? 'new' : undefined} data-alert-kind={a.kind}>
            <Badge tone={SEVERITY_TONE[a.severity] ?? 'info'}>{a.severity}</Badge> <strong>{titleOf(a)}</strong>
            <div className="muted small">
              {words(a.kind)} · {date(a.raisedAt)}
              {fresh.has(a.alertId) ? ' · new' : ''}
            </div>
            {a.acknowledged ? (
              <div className="muted small ack" id={`ack-${a.alertId}`} tabIndex={-1}>
                Acknowledged by {a.acknowledged.name ?? 'a user'} on {dateTime(a.acknowledged.at)}
              </div>
            ) : (
              canAcknowledge && (
                <div className="ack">
                  <button
                    type="button"
                    className="small"
                    aria-label={`Acknowledge: ${titleOf(a)}`}
                    disabled={acking[a.alertId] === 'busy'}
                    onClick={() => void acknowledge(a)}
                  >
                    {acking[a.alertId] === 'busy' ? 'Acknowledging…' : 'Acknowledge'}
                  </button>
                  {acking[a.alertId] && acking[a.alertId] !== 'busy' && (
                    <span className="field-error small" role="alert">
                      {' '}
                      {acking[a.alertId]}
                    </span>
                  )}
                </div>
              )
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
