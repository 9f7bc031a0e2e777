/** The transfer-request (schoolwisselaarsformulier) endpoints the pupil pages use, as query hooks. */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, call, rawFetch, type Schemas } from '../../api/client';
import { exactly } from '../../api/enums';

export type TransferStatus = Schemas['TransferStatus'];
export type ListItem = Schemas['TransferRequestListItem'];
export type Page = Schemas['TransferRequestPage'];
export type Detail = Schemas['TransferRequestDetail'];
export type HistoryEntry = Schemas['HistoryEntry'];
export type Summary = Schemas['TransferRequestSummary'];
export type SchoolWithPlaces = Schemas['SchoolWithPlaces'];
export type CreateBody = Schemas['CreateTransferRequestDto'];
export type UpdateBody = Schemas['UpdateTransferRequestDto'];

export const STATUSES: readonly TransferStatus[] = exactly<TransferStatus>()([
  'draft',
  'submitted',
  'proposed',
  'mediation',
  'placed',
  'withdrawn',
] as const);

export const keys = {
  all: ['transfer-requests'] as const,
  list: (params: object) => ['transfer-requests', 'list', params] as const,
  summary: (seasonId: string, schoolId: string | null) =>
    ['transfer-requests', 'summary', { seasonId, schoolId }] as const,
  detail: (id: string) => ['transfer-requests', 'detail', id] as const,
  history: (id: string) => ['transfer-requests', 'history', id] as const,
};

export interface ListParams {
  seasonId: string;
  schoolId?: string;
  status: TransferStatus[];
  q: string;
  page: number;
  limit: number;
}

export function useTransferRequests(p: ListParams | null) {
  return useQuery({
    queryKey: keys.list(p ?? {}),
    enabled: !!p,
    placeholderData: (prev) => prev,
    queryFn: () =>
      call(
        api.GET('/api/transfer-requests', {
          params: {
            query: {
              seasonId: p!.seasonId,
              schoolId: p!.schoolId,
              status: p!.status.length ? p!.status : undefined,
              q: p!.q || undefined,
              page: p!.page,
              limit: p!.limit,
            },
          },
        }),
      ),
  });
}

export function useSummary(seasonId: string | undefined, schoolId: string | null) {
  return useQuery({
    queryKey: keys.summary(seasonId ?? '', schoolId),
    enabled: !!seasonId,
    queryFn: () =>
      call(
        api.GET('/api/transfer-requests/summary', {
          params: { query: { seasonId, schoolId: schoolId ?? undefined } },
        }),
      ),
  });
}

export function useDetail(id: string | undefined) {
  return useQuery({
    queryKey: keys.detail(id ?? ''),
    enabled: !!id,
    queryFn: () => call(api.GET('/api/transfer-requests/{id}', { params: { path: { id: id! } } })),
  });
}

export function useHistory(id: string | undefined) {
  return useQuery({
    queryKey: keys.history(id ?? ''),
    enabled: !!id,
    queryFn: () =>
      call(api.GET('/api/transfer-requests/{id}/history', { params: { path: { id: id! } } })),
  });
}

/**
 * Schools offering this leerjaar × niveau (× profiel), with their free places, by name. With
 * `teaching`: every school teaching the niveau, also those without places yet (remaining null).
 */
export function useSchoolsWithPlaces(
  seasonId: string | undefined,
  grade: number | null,
  level: string | null,
  profile: string,
  teaching = false,
) {
  return useQuery({
    queryKey: ['schools-with-places', seasonId, grade, level, profile, teaching],
    enabled: !!seasonId && grade !== null && !!level,
    queryFn: () =>
      call(
        api.GET('/api/seasons/{seasonId}/schools-with-places', {
          params: {
            path: { seasonId: seasonId! },
            query: {
              grade: grade!,
              level: level as Schemas['Level'],
              profile: profile || undefined,
              teaching: teaching || undefined,
            },
          },
        }),
      ),
  });
}

export interface SchoolName {
  id: string;
  name: string;
  district: string;
}

/** Every school of the region (names for preferences and the sending school). */
export function useRegionSchools() {
  return useQuery({
    queryKey: ['schools', 'all'],
    staleTime: 10 * 60_000,
    queryFn: async () => {
      const r = await call(api.GET('/api/schools', { params: { query: { limit: 200 } } }));
      return ((r as { items?: SchoolName[] }).items ?? []).map((s) => ({
        id: s.id,
        name: s.name,
        district: s.district,
      }));
    },
  });
}

/** After a change to a form: lists, counts, the form, its history and the free places. */
export function invalidateAfterChange(qc: QueryClient): Promise<unknown> {
  return Promise.all(
    [keys.all, ['schools-with-places'], ['offers'], ['supply-demand'], ['proposals']].map((k) =>
      qc.invalidateQueries({ queryKey: k }),
    ),
  );
}

/** The region's advice on the length of a preference list when it sets none. */
export const DEFAULT_RECOMMENDED_PREFERENCES = 4;

// TODO(types): GET /api/regions/current/settings is being added (issue 22); until it is in
// schema.d.ts its shape is this.
interface RegionSettings {
  recommendedPreferences?: number;
}

/** How many preferences the region recommends (default 4, also while unknown or on an error). */
export function useRecommendedPreferences(): number {
  const q = useQuery({
    queryKey: ['region-settings'],
    staleTime: 10 * 60_000,
    retry: false,
    queryFn: async () => {
      const r = await rawFetch('/api/regions/current/settings', { method: 'GET' });
      if (!r.ok) return {} as RegionSettings;
      return (await r.json()) as RegionSettings;
    },
  });
  const n = q.data?.recommendedPreferences;
  return typeof n === 'number' && n > 0 ? n : DEFAULT_RECOMMENDED_PREFERENCES;
}

/** Postcode areas ('1011 AB' → 1011), as the desk's suggestions use them for "near". */
function postcodeArea(postcode: string | null | undefined): number | null {
  const m = /^\s*([1-9][0-9]{3})/.exec(postcode ?? '');
  return m ? Number(m[1]) : null;
}

/**
 * Schools nearest the pupil first (the difference of the postcode areas, as the mediation desk's
 * suggestions do; unknown last), then by name.
 */
export function byNearness<T extends { postcode: string; name: string }>(
  schools: T[],
  pupilPostcode: string | undefined,
): T[] {
  const home = postcodeArea(pupilPostcode);
  const dist = (s: T) => {
    const a = postcodeArea(s.postcode);
    return home === null || a === null ? Number.POSITIVE_INFINITY : Math.abs(a - home);
  };
  return [...schools].sort((a, b) => dist(a) - dist(b) || a.name.localeCompare(b.name, 'nl'));
}
