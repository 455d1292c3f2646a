import { api, request, trustPath } from '../../api/client';

/** Where an import runs: the schools service (GIAS and Ofsted files) or the people service (staff lists). */
export type Source = 'schools' | 'staff';

/** One row the import could not read: its line, why, and what it was about (a URN, a staff number). */
export type RowError = { line: number; reason: string } & Record<string, string | number | undefined>;

/** An import job as either service answers it (the staff import has no kind, scope or skipped count). */
export interface ImportJob {
  source: Source;
  id: string;
  kind?: string;
  scope?: string;
  fileName: string | null;
  status: 'queued' | 'running' | 'completed' | 'failed' | 'interrupted';
  totalBytes: number;
  processedBytes: number;
  rowsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped?: number;
  errorCount: number;
  errors: RowError[];
  message: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export const FINISHED: ImportJob['status'][] = ['completed', 'failed', 'interrupted'];

const path = (source: Source) => `${trustPath()}/${source === 'schools' ? 'imports' : 'staff/imports'}`;

export async function listImports(sources: Source[]): Promise<ImportJob[]> {
  const lists = await Promise.all(
    sources.map(async (source) => (await api.get<Omit<ImportJob, 'source'>[]>(path(source))).map((j) => ({ ...j, source }))),
  );
  return lists.flat().sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

export async function importOf(source: Source, id: string): Promise<ImportJob> {
  return { ...(await api.get<Omit<ImportJob, 'source'>>(`${path(source)}/${id}`)), source };
}

/** Streams the file to the gateway's upload route as the request body; the answer is the queued job (202). */
export async function upload(source: Source, file: File, query: Record<string, string>): Promise<ImportJob> {
  const params = new URLSearchParams({ ...query, fileName: file.name });
  const res = await request(`/api${path(source)}?${params.toString()}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: file,
  });
  return { ...((await res.json()) as Omit<ImportJob, 'source'>), source };
}
