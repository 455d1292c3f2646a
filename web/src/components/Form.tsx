import {
  useId,
  useState,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { ApiError } from '../api/client';

/**
 * A form's values and the service's refusal, shown beside the fields it names. Values are never reset on an
 * error, so nothing typed is lost; problems for fields the form has no input for are listed at the top.
 */
export function useForm<V extends Record<string, string>>(initial: V) {
  const [values, setValues] = useState<V>(initial);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const set = (name: keyof V, value: string) => setValues((v) => ({ ...v, [name]: value }));
  /** The problems the service gave for `field` (and its sub-fields, `commitment.daysPerYear` under `commitment.`). */
  const problemsOf = (field: string): string[] =>
    error instanceof ApiError
      ? error.errors.filter((e) => e.field === field || e.field.startsWith(`${field}.`)).flatMap((e) => e.problems)
      : [];
  const run = async (action: (values: V) => Promise<string | void>, known: string[]) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone((await action(values)) ?? 'Done.');
    } catch (err) {
      setError(err as Error);
      // Focus the first field in error so keyboard and screen-reader users land on it.
      const first =
        err instanceof ApiError ? err.errors.find((p) => known.some((k) => p.field === k || p.field.startsWith(`${k}.`))) : undefined;
      if (first) {
        const name = known.find((k) => first.field === k || first.field.startsWith(`${k}.`));
        requestAnimationFrame(() => document.querySelector<HTMLElement>(`[name="${name}"]`)?.focus());
      }
    } finally {
      setBusy(false);
    }
  };
  const submit = (action: (values: V) => Promise<string | void>, known: string[]) => (e: FormEvent) => {
    e.preventDefault();
    void run(action, known);
  };
  /** Problems the form shows at the top: the message, and any field with no input of its own. */
  const general = (known: string[]): string[] => {
    if (!error) return [];
    if (!(error instanceof ApiError)) return [error.message];
    const other = error.errors.filter((e) => !known.some((k) => e.field === k || e.field.startsWith(`${k}.`)));
    const lines = other.flatMap((e) => e.problems.map((p) => (p.toLowerCase().includes(e.field.toLowerCase()) ? p : `${e.field}: ${p}`)));
    return lines.length > 0 || error.errors.length === 0 ? [error.message, ...lines.filter((l) => l !== error.message)] : [];
  };
  /** The props binding an input to a value of the form: its name, value, change handler and the service's problems. */
  const field = (name: keyof V & string) => ({
    name,
    value: values[name],
    onChange: (e: { target: { value: string } }) => set(name, e.target.value),
    problems: problemsOf(name),
  });
  return { values, set, error, busy, done, problemsOf, submit, general, setValues, setDone, field };
}

type FieldProps = { label: string; name: string; problems: string[]; hint?: string };

function Described({ id, hint, problems }: { id: string; hint?: string; problems: string[] }) {
  return (
    <>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {problems.length > 0 && (
        <span className="field-error" id={`${id}-error`} role="alert">
          {problems.join(' ')}
        </span>
      )}
    </>
  );
}

const describedBy = (id: string, hint: string | undefined, problems: string[]) =>
  [hint ? `${id}-hint` : '', problems.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export function TextField({ label, name, problems, hint, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className={`field${problems.length ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} aria-invalid={problems.length > 0} aria-describedby={describedBy(id, hint, problems)} {...input} />
      <Described id={id} hint={hint} problems={problems} />
    </div>
  );
}

export function TextArea({ label, name, problems, hint, ...input }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className={`field${problems.length ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} name={name} aria-invalid={problems.length > 0} aria-describedby={describedBy(id, hint, problems)} {...input} />
      <Described id={id} hint={hint} problems={problems} />
    </div>
  );
}

export function SelectField({
  label,
  name,
  problems,
  hint,
  options,
  ...select
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  const id = useId();
  return (
    <div className={`field${problems.length ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} aria-invalid={problems.length > 0} aria-describedby={describedBy(id, hint, problems)} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Described id={id} hint={hint} problems={problems} />
    </div>
  );
}

/** The form's general problems and its success message, announced to screen readers. */
export function FormStatus({ problems, done }: { problems: string[]; done: string | null }) {
  return (
    <>
      {problems.length > 0 && (
        <div className="form-error" role="alert">
          {problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      )}
      {done && (
        <p className="form-done" role="status">
          {done}
        </p>
      )}
    </>
  );
}

export function Fieldset({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}
