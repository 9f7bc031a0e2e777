/**
 * The season and (for coordinators) the school the pages work on. A coordinator of several
 * schools switches school in the header; the choice is remembered on this computer (an id, no
 * personal data). Nobody is ever asked to type an id.
 */
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { api, call, type Schemas } from '../api/client';
import { useMe } from './session';

export interface Season {
  id: string;
  name: string;
  entryOpens: string;
  entryCloses: string;
  roundDates: string[];
  responseSchoolDays: number;
  summerHolidayStart: string;
  endsOn: string;
}

export interface SchoolRef {
  id: string;
  name: string;
  brin: string;
}

interface Workspace {
  seasons: Season[];
  season: Season | null;
  setSeasonId(id: string): void;
  /** the coordinator's current school; null for advisors and admins */
  school: SchoolRef | null;
  schools: SchoolRef[];
  setSchoolId(id: string): void;
  loading: boolean;
}

const WorkspaceContext = createContext<Workspace | null>(null);
const SEASON_KEY = 'overstap.season';
const SCHOOL_KEY = 'overstap.school';

const today = () => new Date().toISOString().slice(0, 10);

/** The season that is running now: the first whose end is still ahead, else the newest. */
export function currentSeason(seasons: Season[]): Season | null {
  const sorted = [...seasons].sort((a, b) => a.endsOn.localeCompare(b.endsOn));
  return sorted.find((s) => s.endsOn >= today()) ?? sorted[sorted.length - 1] ?? null;
}

/** Every season of the region, newest first: /api/seasons page by page (200 a page). */
export async function loadAllSeasons(): Promise<Schemas['SeasonView'][]> {
  const all: Schemas['SeasonView'][] = [];
  for (let page = 1; ; page++) {
    const r = await call(api.GET('/api/seasons', { params: { query: { page, limit: 200 } } }));
    all.push(...r.items);
    if (all.length >= r.total || r.items.length === 0) return all;
  }
}

export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  const seasonsQ = useQuery({
    queryKey: ['seasons'],
    queryFn: loadAllSeasons,
    staleTime: 5 * 60_000,
  });
  const [seasonId, setSeasonIdState] = useState(() => localStorage.getItem(SEASON_KEY));
  const [schoolId, setSchoolIdState] = useState(() => localStorage.getItem(SCHOOL_KEY));

  const value = useMemo<Workspace>(() => {
    const seasons = seasonsQ.data ?? [];
    const season = seasons.find((s) => s.id === seasonId) ?? currentSeason(seasons);
    const schools = me.role === 'coordinator' ? (me.schools ?? []) : [];
    const school = schools.find((s) => s.id === schoolId) ?? schools[0] ?? null;
    return {
      seasons,
      season,
      school,
      schools,
      loading: seasonsQ.isPending,
      setSeasonId: (id) => {
        localStorage.setItem(SEASON_KEY, id);
        setSeasonIdState(id);
      },
      setSchoolId: (id) => {
        localStorage.setItem(SCHOOL_KEY, id);
        setSchoolIdState(id);
      },
    };
  }, [seasonsQ.data, seasonsQ.isPending, seasonId, schoolId, me]);

  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): Workspace {
  const w = useContext(WorkspaceContext);
  if (!w) throw new Error('useWorkspace outside WorkspaceProvider');
  return w;
}
