/**
 * /leerlingen: the outgoing pupils of the coordinator's current school (advisors and admins: the
 * region's) in the current season, with a status filter (counts per status), a search by name and
 * pages of 50. Filters live in the address, so "back" from a pupil returns to the same list.
 */
import {
  Alert,
  Anchor,
  Button,
  Chip,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../auth/session';
import { useWorkspace } from '../auth/workspace';
import { gradeLevel, PageHeader, Pager, QueryState, StatusBadge } from '../components/ui';
import { formatDate, t } from '../messages';
import {
  STATUSES,
  useSummary,
  useTransferRequests,
  type ListItem,
  type TransferStatus,
} from './pupils/api';

const LIMIT = 50;

export default function PupilsPage() {
  const me = useMe();
  const ws = useWorkspace();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const isCoordinator = me.role === 'coordinator';
  const schoolId = isCoordinator ? (ws.school?.id ?? null) : null;

  const statuses = (params.get('status') ?? '')
    .split(',')
    .filter((s): s is TransferStatus => (STATUSES as string[]).includes(s));
  const page = Math.max(1, Number(params.get('pagina')) || 1);
  const [search, setSearch] = useState(params.get('zoek') ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 300);

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );

  // The debounced search goes into the address and back to page 1.
  useEffect(() => {
    if ((params.get('zoek') ?? '') !== debounced) update({ zoek: debounced || null, pagina: null });
  }, [debounced]);

  const seasonId = ws.season?.id;
  const blocked = isCoordinator && !ws.school;
  const list = useTransferRequests(
    seasonId && !blocked
      ? {
          seasonId,
          schoolId: schoolId ?? undefined,
          status: statuses,
          q: debounced,
          page,
          limit: LIMIT,
        }
      : null,
  );
  const summary = useSummary(blocked ? undefined : seasonId, schoolId);

  // A page past the end (another school chosen in the header, rows withdrawn): back to page 1.
  const pastEnd = !!list.data && list.data.items.length === 0 && page > 1;
  useEffect(() => {
    if (pastEnd) update({ pagina: null });
  }, [pastEnd]);
  const counts = summary.data?.counts as Record<string, number> | undefined;

  const newButton = (
    <Button
      component={Link}
      to="/leerlingen/nieuw"
      leftSection={<IconPlus size={16} aria-hidden />}
    >
      {t.pupils.newPupil}
    </Button>
  );

  if (!ws.loading && !ws.season)
    return (
      <>
        <PageHeader title={t.pupils.title} />
        <Alert color="blue" role="note">
          {t.noSeason}
        </Alert>
      </>
    );
  if (blocked)
    return (
      <>
        <PageHeader title={t.pupils.title} />
        <Alert color="orange" role="note">
          {t.pupils.noSchool}
        </Alert>
      </>
    );

  const seasonName = ws.season?.name ?? '';
  const filtered = statuses.length > 0 || debounced.length > 0;
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;

  return (
    <>
      <PageHeader
        title={t.pupils.title}
        intro={
          isCoordinator && ws.school
            ? t.pupils.introSchool(ws.school.name, seasonName)
            : t.pupils.introRegion(seasonName)
        }
        actions={newButton}
      />

      <Paper withBorder p="md" mb="md">
        <Group align="flex-end" gap="lg" wrap="wrap">
          <TextInput
            label={t.pupils.searchLabel}
            placeholder={t.pupils.searchPlaceholder}
            leftSection={<IconSearch size={16} aria-hidden />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            type="search"
            w={260}
          />
          <Stack gap={6} role="group" aria-labelledby="pupils-status-label" style={{ flex: 1 }}>
            <Text id="pupils-status-label" size="sm" fw={600}>
              {t.pupils.statusFilter}
            </Text>
            <Chip.Group
              multiple
              value={statuses}
              onChange={(v) => update({ status: v.join(',') || null, pagina: null })}
            >
              <Group gap={6} wrap="wrap">
                {STATUSES.map((s) => (
                  <Chip key={s} value={s} size="sm" variant="outline">
                    {t.pupils.statusChip(t.status[s], counts?.[s])}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </Stack>
          {filtered && (
            <Button
              variant="subtle"
              onClick={() => {
                setSearch('');
                update({ status: null, zoek: null, pagina: null });
              }}
            >
              {t.pupils.clearFilters}
            </Button>
          )}
        </Group>
      </Paper>

      <QueryState isPending={list.isPending} error={list.error}>
        {items.length === 0 ? (
          <EmptyList
            filtered={filtered}
            text={
              filtered
                ? t.pupils.emptyFiltered
                : isCoordinator && ws.school
                  ? t.pupils.emptySchool(ws.school.name, seasonName)
                  : t.pupils.emptyRegion(seasonName)
            }
            action={
              filtered ? (
                <Button
                  variant="default"
                  onClick={() => {
                    setSearch('');
                    update({ status: null, zoek: null, pagina: null });
                  }}
                >
                  {t.pupils.clearFilters}
                </Button>
              ) : (
                newButton
              )
            }
          />
        ) : (
          <Paper withBorder>
            <Table.ScrollContainer minWidth={900}>
              <Table highlightOnHover verticalSpacing="sm" striped={false}>
                <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }} px="md" pt="sm">
                  {t.pupils.tableCaption(total)}
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t.pupils.col.name}</Table.Th>
                    <Table.Th scope="col">{t.pupils.col.dateOfBirth}</Table.Th>
                    <Table.Th scope="col">{t.pupils.col.from}</Table.Th>
                    <Table.Th scope="col">{t.pupils.col.to}</Table.Th>
                    <Table.Th scope="col">{t.pupils.col.status}</Table.Th>
                    {!isCoordinator && (
                      <Table.Th scope="col">{t.pupils.col.sendingSchool}</Table.Th>
                    )}
                    <Table.Th scope="col">{t.pupils.col.receivingSchool}</Table.Th>
                    <Table.Th scope="col">{t.pupils.col.updatedAt}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((r) => (
                    <Row
                      key={r.id}
                      r={r}
                      showSending={!isCoordinator}
                      onOpen={() => navigate(`/leerlingen/${r.id}`)}
                    />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
        <Pager
          page={page}
          total={total}
          limit={LIMIT}
          onChange={(p) => {
            update({ pagina: p > 1 ? String(p) : null });
            window.scrollTo({ top: 0 });
          }}
        />
      </QueryState>
    </>
  );
}

function Row({
  r,
  showSending,
  onOpen,
}: {
  r: ListItem;
  showSending: boolean;
  onOpen: () => void;
}) {
  const receiving =
    r.receivingSchoolName && r.status === 'proposed'
      ? t.pupils.receivingProposed(r.receivingSchoolName)
      : (r.receivingSchoolName ?? '—');
  return (
    // The name is the link (keyboard, screen readers); a click anywhere on the row opens it too.
    <Table.Tr onClick={onOpen} style={{ cursor: 'pointer' }}>
      <Table.Th scope="row" fw={600}>
        <Anchor
          component={Link}
          to={`/leerlingen/${r.id}`}
          onClick={(e) => e.stopPropagation()}
          fw={600}
        >
          {r.lastName}, {r.firstName}
        </Anchor>
      </Table.Th>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(r.dateOfBirth)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {gradeLevel(r.currentGrade, r.currentLevel)}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {gradeLevel(r.requestedGrade, r.requestedLevel, r.requestedProfile)}
      </Table.Td>
      {/* The badge would shrink to "Voorgest…" in a narrow column. */}
      <Table.Td style={{ whiteSpace: 'nowrap', minWidth: 140 }}>
        <StatusBadge status={r.status} />
      </Table.Td>
      {showSending && <Table.Td>{r.sendingSchoolName ?? t.pupils.instromer}</Table.Td>}
      <Table.Td>{receiving}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(r.updatedAt)}</Table.Td>
    </Table.Tr>
  );
}

function EmptyList({
  filtered,
  text,
  action,
}: {
  filtered: boolean;
  text: string;
  action: ReactNode;
}) {
  return (
    <Paper withBorder p="xl">
      <Stack align="center" gap="sm" maw={560} mx="auto" ta="center">
        {filtered ? (
          <IconSearch size={40} aria-hidden color="var(--mantine-color-blue-7)" />
        ) : (
          <IconUserPlus size={40} aria-hidden color="var(--mantine-color-blue-7)" />
        )}
        <Title order={2} size="h4">
          {filtered ? t.pupils.emptyFilteredTitle : t.pupils.emptyTitle}
        </Title>
        <Text size="sm">{text}</Text>
        {action}
      </Stack>
    </Paper>
  );
}
