/** Types, query keys and small helpers shared by the office's pages (seizoenen, rondes, beheer). */
import { useQuery } from '@tanstack/react-query';
import type { CSSProperties } from 'react';
import { api, ApiError, call, type Schemas } from '../../api/client';
import { errorMessage } from '../../api/errors';

export type SeasonView = Schemas['SeasonView'];
export type RoundView = Schemas['RoundView'];
export type RoundReport = Schemas['RoundReport'];
export type RoundNamedReport = Schemas['RoundNamedReport'];
export type RoundExplanation = Schemas['RoundExplanation'];
export type RoundPupilRow = Schemas['RoundPupilRow'];
export type SchoolView = Schemas['SchoolView'];
export type UserView = Schemas['UserView'];
export type AuditEntryView = Schemas['AuditEntryView'];
export type PriorityRulesView = Schemas['PriorityRulesView'];

export const keys = {
  seasons: ['seasons'] as const,
  season: (id: string) => ['seasons', id] as const,
  schoolDays: (from: string, to: string) => ['school-days', from, to] as const,
  rounds: (seasonId: string) => ['rounds', 'season', seasonId] as const,
  round: (id: string) => ['rounds', id] as const,
  roundReport: (id: string) => ['rounds', id, 'report'] as const,
  roundPupils: (id: string, q: string, page: number) => ['rounds', id, 'pupils', q, page] as const,
  explanation: (id: string, requestId: string) => ['rounds', id, 'explanation', requestId] as const,
  schools: ['schools'] as const,
  users: ['users'] as const,
  priorityRules: ['priority-rules'] as const,
  audit: ['audit'] as const,
};

/** Every school of the region, by name (at most 200: the API's page limit; a region has ~80). */
export function useAllSchools() {
  return useQuery({
    queryKey: [...keys.schools, 'all'],
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const page = await call(api.GET('/api/schools', { params: { query: { limit: 200 } } }));
      return [...page.items].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
    },
  });
}

/** School days between two dates, both left out (src/seasons/calendar.ts counts them). */
export async function fetchSchoolDays(from: string, to: string): Promise<number> {
  const r = await call(api.GET('/api/seasons/school-days', { params: { query: { from, to } } }));
  return r.schoolDays;
}

export const isDate = (s: string | null | undefined): s is string =>
  !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

/** The day after / before a `2027-06-21` date, as such a date. */
export function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today's date in Amsterdam, `2027-06-21`. */
export function todayIso(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date());
}

/**
 * An API error's per-field messages, keyed by field. `labels` names the form's fields (field →
 * Dutch label): a message that starts with the field's code name ("brin moet …", "name: …") gets
 * the label instead; a 400 without field entries whose message starts with a field goes there.
 */
export function fieldMessages(
  err: unknown,
  labels: Record<string, string>,
  conflictField?: string,
): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  // A 409 ("bestaat al") belongs to the field that must be unique.
  if (err.status === 409 && conflictField) return { [conflictField]: err.message };
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(err.fieldErrors())) {
    const base = field.split(/[.[]/)[0];
    out[base] ??= withLabel(message, base, labels[base]);
  }
  if (!Object.keys(out).length && err.status === 400) {
    const m = err.message.match(/^([a-zA-Z]+)\b[:\s]/);
    if (m && m[1] in labels) out[m[1]] = withLabel(err.message, m[1], labels[m[1]]);
  }
  return out;
}

function withLabel(message: string, field: string, label: string | undefined): string {
  let s = message;
  if (s.startsWith(`${field}: `)) s = s.slice(field.length + 2);
  else if (label && s.startsWith(`${field} `)) s = `${label}${s.slice(field.length)}`;
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Moves focus to the first field with an error, after the form has re-rendered. */
export function focusFirstError(form: HTMLElement | null): void {
  setTimeout(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
}

/** The sentence for an error that has no field of its own. */
export const formError = (err: unknown, fields: Record<string, string>) =>
  err && !Object.keys(fields).length ? errorMessage(err) : null;

/** sha-256 of a text, hex (the browser's own crypto; null where it is not available). */
export async function sha256Hex(text: string): Promise<string | null> {
  if (!globalThis.crypto?.subtle) return null;
  const buf = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A long hash readable at a glance: "e200160a…5d59b6". */
export const shortHash = (h: string | null | undefined) =>
  h ? (h.length > 20 ? `${h.slice(0, 10)}…${h.slice(-6)}` : h) : '—';

/**
 * For a form: error texts in red 8 (5.6:1 on white). Mantine's default error red (shade 6) is
 * about 3.3:1, under WCAG AA; the theme in main.tsx does not set it yet.
 */
export const readableErrors = {
  '--mantine-color-error': 'var(--mantine-color-red-8)',
} as CSSProperties;
