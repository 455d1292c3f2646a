import { useState } from 'react';
import { ApiError } from '../../api/client';
import { FormStatus, SelectField, TextField, useForm } from '../../components/Form';
import { upload, type ImportJob, type Source } from './imports';

const WHAT: { value: string; label: string; source: Source }[] = [
  { value: 'schools', label: 'GIAS extract or Ofsted management information (recognised from its header)', source: 'schools' },
  { value: 'staff', label: 'Staff list from the MIS or HR system', source: 'staff' },
];

/** The form that sends a file to the gateway's upload route of the service that imports it. */
export function UploadForm({ sources, onStarted }: { sources: Source[]; onStarted: (job: ImportJob) => void }) {
  const choices = WHAT.filter((w) => sources.includes(w.source));
  const form = useForm({ what: choices[0]?.value ?? '', scope: 'trust' });
  const [file, setFile] = useState<File | null>(null);
  const chosen = choices.find((c) => c.value === form.values.what);
  // The services name the upload `file` (or `body`) and their query parameters by name.
  const fields = ['what', 'scope', 'kind', 'file', 'body', 'fileName'];
  return (
    <form
      noValidate
      aria-label="Upload a file"
      onSubmit={form.submit(async (v) => {
        if (!chosen) throw new Error('Choose what kind of file this is.');
        // Said beside the file input, as a refusal of the service would be.
        if (!file) throw new ApiError(400, 'No file chosen', [{ field: 'file', problems: ['Choose the file to upload.'] }]);
        const query: Record<string, string> = chosen.source === 'schools' ? { scope: v.scope } : {};
        const job = await upload(chosen.source, file, query);
        onStarted(job);
        return `${file.name} was received; its import is ${job.status}.`;
      }, fields)}
    >
      <FormStatus problems={form.general(fields)} done={form.done} />
      <SelectField
        label="What file"
        {...form.field('what')}
        problems={[...form.problemsOf('what'), ...form.problemsOf('kind')]}
        options={choices.map((c) => ({ value: c.value, label: c.label }))}
      />
      {chosen?.source === 'schools' && (
        <SelectField
          label="Which schools"
          {...form.field('scope')}
          hint="Only the trust's own schools, or every school in the file (others are kept as not members)"
          options={[
            { value: 'trust', label: 'The trust’s schools' },
            { value: 'all', label: 'Every school in the file' },
          ]}
        />
      )}
      <TextField
        label="File"
        type="file"
        name="file"
        accept=".csv,text/csv"
        hint="A CSV file, UTF-8 or Windows-1252"
        problems={[...form.problemsOf('file'), ...form.problemsOf('body'), ...form.problemsOf('fileName')]}
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
      />
      <button type="submit" disabled={form.busy}>
        {form.busy ? 'Uploading…' : 'Upload and import'}
      </button>
    </form>
  );
}
