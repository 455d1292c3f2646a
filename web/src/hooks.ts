import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './api/client';
import { getSession, onSessionChange, type Session } from './api/session';

export function useSession(): Session | null {
  const [session, set] = useState(getSession());
  useEffect(() => onSessionChange(set), []);
  return session;
}

export interface Loaded<T> {
  data?: T;
  error?: ApiError | Error;
  loading: boolean;
  reload: () => void;
}

/** Loads `load()` when `deps` change; keeps the previous data while reloading so the page does not flash. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: Error) => live && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => {
      live = false;
    };
    // The caller names what the load depends on.
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
