/** The mediation desk's endpoints (src/mediation) as query hooks, and what to refresh after a change. */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';

export type CaseView = Schemas['CaseView'];
export type CaseDetail = Schemas['CaseDetail'];
export type CaseNote = Schemas['CaseNote'];
export type CaseProposal = Schemas['CaseProposal'];
export type Suggestion = Schemas['CaseSuggestion'];
export type CloseOutcome = Schemas['CaseCloseOutcome'];
export type Level = Schemas['Level'];
export type PlacementTable = Schemas['PlacementTable'];

export const CLOSE_OUTCOMES: CloseOutcome[] = [
  'withdrawn',
  'moved-out',
  'special-education',
  'other',
];

export const keys = {
  all: ['mediation'] as const,
  list: (params: object) => ['mediation', 'list', params] as const,
  detail: (id: string) => ['mediation', 'detail', id] as const,
  suggestions: (id: string) => ['mediation', 'suggestions', id] as const,
  table: (seasonId: string, board: string) => ['placement-table', seasonId, board] as const,
};

export interface CaseListParams {
  status?: 'open' | 'closed';
  grade?: number;
  level?: Level;
  schoolId?: string;
  mine?: boolean;
  unassigned?: boolean;
  sort?: 'urgent' | 'waiting';
  seasonId?: string;
  page: number;
  limit: number;
}

export function useCases(p: CaseListParams | null) {
  return useQuery({
    queryKey: keys.list(p ?? {}),
    enabled: !!p,
    placeholderData: (prev) => prev,
    queryFn: () => call(api.GET('/api/mediation/cases', { params: { query: { ...p! } } })),
  });
}

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: keys.detail(id ?? ''),
    enabled: !!id,
    queryFn: () => call(api.GET('/api/mediation/cases/{id}', { params: { path: { id: id! } } })),
  });
}

export function useSuggestions(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: keys.suggestions(id ?? ''),
    enabled: !!id && enabled,
    queryFn: () =>
      call(api.GET('/api/mediation/cases/{id}/suggestions', { params: { path: { id: id! } } })),
  });
}

export function usePlacementTable(seasonId: string | undefined, board: string) {
  return useQuery({
    queryKey: keys.table(seasonId ?? '', board),
    enabled: !!seasonId && !!board,
    queryFn: () =>
      call(
        api.GET('/api/seasons/{seasonId}/placement-table', {
          params: { path: { seasonId: seasonId! }, query: { board } },
        }),
      ),
  });
}

export interface SchoolRow {
  id: string;
  name: string;
  board: string;
  district: string;
}

/** Every school of the region with its board (bestuur), by name. */
export function useSchoolsWithBoards() {
  return useQuery({
    queryKey: ['schools', 'boards'],
    staleTime: 10 * 60_000,
    queryFn: async (): Promise<SchoolRow[]> => {
      const r = await call(api.GET('/api/schools', { params: { query: { limit: 200 } } }));
      return (r.items ?? [])
        .map((s) => ({ id: s.id, name: s.name, board: s.board, district: s.district }))
        .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
    },
  });
}

/**
 * After a placement, a closed case or a new case: every list and figure that counts pupils or
 * places (the desk, the pupil pages, free places, the board, the plaatsingstafel, the monitor).
 */
const AFFECTED =
  /^(mediation|transfer-requests|offers|supply-demand|schools-with-places|placement-table|monitor|proposals|board|notifications)/;

export function invalidateAfterPlacement(qc: QueryClient): Promise<void> {
  return qc.invalidateQueries({
    predicate: (q) => typeof q.queryKey[0] === 'string' && AFFECTED.test(q.queryKey[0]),
  });
}
