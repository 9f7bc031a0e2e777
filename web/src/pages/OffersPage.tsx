/**
 * /vrije-plaatsen: a school's free places for the current season, edited in place per leerjaar ×
 * niveau (× profiel) and saved all at once, plus a CSV upload that is checked before it is saved.
 * Coordinators work on their current school (switched in the header); the bureau picks a school.
 */
import { Alert, Select, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { useMe } from '../auth/session';
import { useWorkspace } from '../auth/workspace';
import { PageHeader, QueryState } from '../components/ui';
import { t } from '../messages';
import { CsvImport } from './offers/CsvImport';
import { OffersEditor, type OfferSchool } from './offers/OffersEditor';
import type { Level } from './offers/levels';

type School = Schemas['SchoolView'];

/** Every school of the region (admins), by name. */
function useRegionSchools(enabled: boolean) {
  return useQuery({
    queryKey: ['schools', 'all'],
    enabled,
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const page = await call(api.GET('/api/schools', { params: { query: { limit: 200 } } }));
      return (page as Schemas['SchoolPage']).items;
    },
  });
}

/** One school with its niveaus, so the add form offers only what the school has. */
function useSchool(id: string | undefined) {
  return useQuery({
    queryKey: ['schools', id],
    enabled: !!id,
    staleTime: 5 * 60_000,
    queryFn: async () =>
      (await call(api.GET('/api/schools/{id}', { params: { path: { id: id! } } }))) as School,
  });
}

export default function OffersPage() {
  const me = useMe();
  const ws = useWorkspace();
  const isAdmin = me.role === 'admin';
  const [params, setParams] = useSearchParams();
  const schoolsQ = useRegionSchools(isAdmin);

  const chosenId = isAdmin ? (params.get('school') ?? undefined) : ws.school?.id;
  const schoolQ = useSchool(chosenId);
  const ref = isAdmin ? schoolsQ.data?.find((s) => s.id === chosenId) : ws.school;
  const school: OfferSchool | null = ref
    ? {
        id: ref.id,
        name: ref.name,
        brin: ref.brin,
        levels: (schoolQ.data?.levels as Level[] | undefined) ?? null,
      }
    : null;

  const picker = isAdmin && (
    <Select
      label={t.offers.school}
      placeholder={t.offers.schoolPlaceholder}
      searchable
      w={340}
      data={(schoolsQ.data ?? []).map((s) => ({ value: s.id, label: `${s.name} (${s.brin})` }))}
      value={chosenId ?? null}
      onChange={(id) => setParams(id ? { school: id } : {}, { replace: true })}
      nothingFoundMessage={t.none}
      disabled={schoolsQ.isPending}
    />
  );

  return (
    <>
      <PageHeader
        title={t.offers.title}
        intro={
          ws.season ? (isAdmin ? t.offers.introAdmin : t.offers.intro)(ws.season.name) : undefined
        }
        actions={picker}
      />
      <QueryState isPending={ws.loading} error={schoolsQ.error}>
        {!ws.season ? (
          <Alert color="yellow" variant="light">
            {t.noSeason}
          </Alert>
        ) : !school ? (
          <Stack gap="xl">
            <Alert color="blue" variant="light">
              {isAdmin ? t.offers.schoolPick : t.offers.noSchool}
            </Alert>
            {/* The bureau may upload one file for every school at once. */}
            {isAdmin && <CsvImport seasonId={ws.season.id} school={null} />}
          </Stack>
        ) : (
          <Stack gap="xl">
            <OffersEditor
              key={`${ws.season.id}:${school.id}`}
              seasonId={ws.season.id}
              school={school}
            />
            <CsvImport
              key={`csv:${ws.season.id}:${school.id}`}
              seasonId={ws.season.id}
              school={school}
            />
          </Stack>
        )}
      </QueryState>
    </>
  );
}
