/** The transfer-request (schoolwisselaarsformulier) endpoints the pupil pages use, as query hooks. */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';

export type TransferStatus = Schemas['TransferStatus'];
export type ListItem = Schemas['TransferRequestListItem'];
export type Page = Schemas['TransferRequestPage'];
export type Detail = Schemas['TransferRequestDetail'];
export type HistoryEntry = Schemas['HistoryEntry'];
export type Summary = Schemas['TransferRequestSummary'];
export type SchoolWithPlaces = Schemas['SchoolWithPlaces'];
export type CreateBody = Schemas['CreateTransferRequestDto'];
export type UpdateBody = Schemas['UpdateTransferRequestDto'];

export const STATUSES: TransferStatus[] = [
  'draft',
  'submitted',
  'proposed',
  'mediation',
  'placed',
  'withdrawn',
];

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
