/**
 * /regiobord (Lisa's board), for every role: every school's free places and the places its own
 * pupils still seek, per school × leerjaar × niveau (× profiel). Counts only, never names. The
 * whole board is fetched once and filtered in memory; the table is virtualised (BoardTable).
 */
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDownload, IconSearch } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, call, download, type Schemas } from '../api/client';
import { errorMessage } from '../api/errors';
import { useMe } from '../auth/session';
import { useWorkspace } from '../auth/workspace';
import { gradeLevel, PageHeader, QueryState } from '../components/ui';
import { formatNumber, t } from '../messages';
import { BoardTable } from './offers/BoardTable';
import {
  csvQuery,
  filterRows,
  NO_FILTERS,
  sortRows,
  summarise,
  type BoardFilters,
  type Sort,
} from './offers/board';
import { GRADES, LEVELS } from './offers/levels';

const DISTRICT_ORDER = [
  'Centrum',
  'West',
  'Nieuw-West',
  'Zuid',
  'Oost',
  'Noord',
  'Zuidoost',
  'Diemen',
  'Weesp',
  'Overig',
];
const SHORTAGES_SHOWN = 8;

function Stat({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.2}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Paper>
  );
}

export default function BoardPage() {
  const me = useMe();
  const ws = useWorkspace();
  const seasonId = ws.season?.id;
  const b = t.offers.board;

  const boardQ = useQuery({
    queryKey: ['supply-demand', seasonId],
    enabled: !!seasonId,
    queryFn: async () =>
      (await call(
        api.GET('/api/seasons/{seasonId}/supply-demand', {
          params: { path: { seasonId: seasonId! } },
        }),
      )) as Schemas['SupplyDemand'],
  });

  const [filters, setFilters] = useState<BoardFilters>(NO_FILTERS);
  const [sort, setSort] = useState<Sort>({ key: 'school', dir: 'asc' });
  const [showAllShortages, setShowAllShortages] = useState(false);
  // Typing stays instant; the table follows a moment later if it has to.
  const deferred = useDeferredValue(filters);
  const set = (patch: Partial<BoardFilters>) => setFilters((f) => ({ ...f, ...patch }));

  const all = useMemo(() => boardQ.data?.rows ?? [], [boardQ.data]);
  // Sorted once per sort order; a filter then only keeps rows (and their order).
  const sorted = useMemo(() => sortRows(all, sort), [all, sort]);
  const rows = useMemo(() => filterRows(sorted, deferred), [sorted, deferred]);
  const summary = useMemo(() => summarise(rows), [rows]);

  const levelOptions = useMemo(() => {
    const present = new Set(all.map((r) => r.level));
    return LEVELS.filter((l) => present.has(l)).map((l) => ({
      value: l,
      label: `${l}${t.levels[l] && t.levels[l] !== l ? ` (${t.levels[l]})` : ''}`,
    }));
  }, [all]);
  const districtOptions = useMemo(() => {
    const present = new Set(all.map((r) => r.district as string));
    return DISTRICT_ORDER.filter((d) => present.has(d));
  }, [all]);

  const csv = useMutation({
    mutationFn: () =>
      download(`/api/seasons/${seasonId}/supply-demand.csv?${csvQuery(filters)}`, b.downloadFile),
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });

  const anyFilter =
    filters.level ||
    filters.grade ||
    filters.district ||
    filters.search ||
    filters.onlyFree ||
    filters.onlySought;
  const shortages = showAllShortages
    ? summary.shortages
    : summary.shortages.slice(0, SHORTAGES_SHOWN);

  return (
    <>
      <PageHeader
        title={b.title}
        intro={
          <>
            {b.intro} {b.contactsBefore}
            <Anchor component={Link} to="/contacten" size="sm">
              {b.contactsLink}
            </Anchor>
            .
          </>
        }
        actions={
          seasonId && (
            <Button
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
              onClick={() => csv.mutate()}
              loading={csv.isPending}
              disabled={!boardQ.data}
            >
              {b.download}
            </Button>
          )
        }
      />
      {!ws.loading && !ws.season ? (
        <Alert color="yellow" variant="light">
          {t.noSeason}
        </Alert>
      ) : (
        <QueryState isPending={ws.loading || boardQ.isPending} error={boardQ.error}>
          {all.length === 0 ? (
            <Alert color="blue" variant="light">
              {b.emptySeason}
            </Alert>
          ) : (
            <Stack gap="lg">
              <Paper withBorder p="md" component="section" aria-label={b.filters}>
                <Group align="flex-end" gap="sm" wrap="wrap">
                  <Select
                    label={b.level}
                    placeholder={b.all}
                    data={levelOptions}
                    value={filters.level}
                    onChange={(v) => set({ level: v })}
                    clearable
                    w={230}
                  />
                  <Select
                    label={b.grade}
                    placeholder={b.all}
                    data={GRADES.map((g) => ({ value: String(g), label: String(g) }))}
                    value={filters.grade}
                    onChange={(v) => set({ grade: v })}
                    clearable
                    w={110}
                  />
                  <Select
                    label={b.district}
                    placeholder={b.all}
                    data={districtOptions}
                    value={filters.district}
                    onChange={(v) => set({ district: v })}
                    clearable
                    w={160}
                  />
                  <TextInput
                    label={b.search}
                    placeholder={b.searchPlaceholder}
                    value={filters.search}
                    onChange={(e) => set({ search: e.currentTarget.value })}
                    leftSection={<IconSearch size={16} aria-hidden />}
                    w={220}
                    type="search"
                  />
                </Group>
                <Group gap="lg" mt="sm" wrap="wrap">
                  <Checkbox
                    label={b.onlyFree}
                    checked={filters.onlyFree}
                    onChange={(e) => set({ onlyFree: e.currentTarget.checked })}
                    size="sm"
                  />
                  <Checkbox
                    label={b.onlySought}
                    checked={filters.onlySought}
                    onChange={(e) => set({ onlySought: e.currentTarget.checked })}
                    size="sm"
                  />
                  {anyFilter && (
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      onClick={() => setFilters(NO_FILTERS)}
                    >
                      {b.reset}
                    </Button>
                  )}
                </Group>
                {filters.search.trim() && (
                  <Text size="xs" c="dimmed" mt="xs">
                    {b.downloadNote}
                  </Text>
                )}
              </Paper>

              <section aria-labelledby="board-summary">
                <Title order={2} size="h4" id="board-summary" mb="sm">
                  {b.summaryTitle}
                </Title>
                <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
                  <Stat label={b.totalFree} value={formatNumber(summary.free)} hint={b.freeHint} />
                  <Stat
                    label={b.totalSought}
                    value={formatNumber(summary.sought)}
                    hint={b.soughtHint}
                  />
                  <Stat
                    label={b.schoolsWithFree}
                    value={formatNumber(summary.schoolsWithFree)}
                    hint={b.ofSchools(summary.schools)}
                  />
                </SimpleGrid>
                <Paper withBorder p="md" mt="md">
                  <Title order={3} size="h5">
                    {b.shortagesTitle}
                  </Title>
                  {summary.shortages.length === 0 ? (
                    <Text size="sm" mt={4}>
                      {b.noShortage}
                    </Text>
                  ) : (
                    <>
                      <Text size="sm" c="dimmed" mb="xs">
                        {b.shortagesIntro}
                      </Text>
                      <SimpleGrid
                        component="ul"
                        cols={{ base: 1, sm: 2, lg: 4 }}
                        spacing="xs"
                        verticalSpacing={6}
                        style={{ listStyle: 'none', padding: 0, margin: 0 }}
                      >
                        {shortages.map((s) => (
                          <li key={`${s.grade}|${s.level}`}>
                            <Group gap={6} wrap="nowrap" align="flex-start">
                              <IconAlertTriangle
                                size={18}
                                aria-hidden
                                color="var(--mantine-color-orange-8)"
                                style={{ flexShrink: 0, marginTop: 2 }}
                              />
                              <Text size="sm">
                                <strong>{gradeLevel(s.grade, s.level)}</strong>
                                {': '}
                                <Text span fw={700} c="red.9">
                                  {b.shortageLabel(s.shortage)}
                                </Text>
                                <br />
                                <Text span size="xs" c="dimmed">
                                  {b.shortageDetail(s.sought, s.free)}
                                </Text>
                              </Text>
                            </Group>
                          </li>
                        ))}
                      </SimpleGrid>
                      {summary.shortages.length > SHORTAGES_SHOWN && (
                        <Button
                          variant="subtle"
                          size="compact-sm"
                          mt="xs"
                          onClick={() => setShowAllShortages((v) => !v)}
                          aria-expanded={showAllShortages}
                        >
                          {showAllShortages
                            ? b.fewerShortages
                            : b.moreShortages(summary.shortages.length - SHORTAGES_SHOWN)}
                        </Button>
                      )}
                    </>
                  )}
                </Paper>
              </section>

              <section aria-labelledby="board-table-title">
                <Group justify="space-between" mb="xs">
                  <Title order={2} size="h4" id="board-table-title">
                    {b.tableTitle}
                  </Title>
                  <Text size="sm" c="dimmed" role="status">
                    {b.showing(rows.length, all.length)}
                  </Text>
                </Group>
                <Text size="sm" c="dimmed" mb="sm" maw={900}>
                  {b.legend}
                </Text>
                {rows.length === 0 ? (
                  <Alert color="blue" variant="light">
                    {b.empty}
                  </Alert>
                ) : (
                  <Paper withBorder>
                    <BoardTable
                      rows={rows}
                      sort={sort}
                      onSort={setSort}
                      ownSchools={me.role === 'coordinator' ? me.schoolIds : []}
                      caption={b.tableCaption(rows.length, summary.schools)}
                    />
                  </Paper>
                )}
              </section>
            </Stack>
          )}
        </QueryState>
      )}
    </>
  );
}
