import type { ReactNode } from 'react';

export interface StatCard {
  key: string;
  value: ReactNode;
  label: string;
  /** A card that filters a list: pressed while its filter is on. */
  pressed?: boolean;
  onToggle?: () => void;
}

/** A row of figures at a glance (a page's totals, or counts by status that filter a list when chosen). */
export function StatCards({ label, cards }: { label: string; cards: StatCard[] }) {
  return (
    <ul className="cards" aria-label={label}>
      {cards.map((c) => (
        <li className="card" key={c.key}>
          {c.onToggle ? (
            <button type="button" className="link" aria-pressed={c.pressed ?? false} onClick={c.onToggle}>
              <strong>{c.value}</strong> {c.label}
            </button>
          ) : (
            <>
              <strong>{c.value}</strong> {c.label}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
