/**
 * /rondes: the matching rounds of a season. The office schedules the rounds of the calendar,
 * starts a round or a dry run now (after a confirmation), and opens a round to follow it and read
 * its report. Advisors see the list and the reports.
 */
import {
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarPlus, IconFlask, IconPlayerPlay } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../api/client';
import { useMe } from '../auth/session';
import { useWorkspace } from '../auth/workspace';
import { ErrorAlert, PageHeader, Pager, QueryState } from '../components/ui';
import { formatDate, formatDateTime, t } from '../messages';
import { keys, shortHash, type RoundView } from './office/api';
import { isActive, roundMoment, roundTitle, RoundStatusBadge } from './office/rounds';

const m = t.office.rounds;
const LIMIT = 20;

export default function RoundsPage() {
  const me = useMe();
  const ws = useWorkspace();
  const isAdmin = me.role === 'admin';
  const season = ws.season;

  const seasonPicker = ws.seasons.length > 1 && (
    <Select
      label={m.season}
      w={180}
      data={ws.seasons.map((s) => ({ value: s.id, label: s.name }))}
      value={season?.id ?? null}
      onChange={(v) => v && ws.setSeasonId(v)}
      allowDeselect={false}
    />
  );

  return (
    <>
      <PageHeader
        title={m.title}
        intro={season ? m.intro(season.name) : undefined}
        actions={seasonPicker}
      />
      <QueryState isPending={ws.loading} error={null}>
        {!season ? (
          <Alert color="yellow" variant="light">
            {m.noSeason}{' '}
            {isAdmin && (
              <Anchor component={Link} to="/seizoenen/nieuw" inherit>
                {t.office.seasons.create}
              </Anchor>
            )}
          </Alert>
        ) : (
          <Stack gap="xl">
            {isAdmin && <RoundActions key={season.id} season={season} />}
            <RoundList key={`list-${season.id}`} seasonId={season.id} seasonName={season.name} />
          </Stack>
        )}
      </QueryState>
    </>
  );
}

function RoundActions({ season }: { season: { id: string; name: string; roundDates: string[] } }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [confirm, setConfirm] = useState<null | 'real' | 'dry'>(null);
  const [scheduled, setScheduled] = useState<RoundView[] | null>(null);
  const [scheduleWarning, setScheduleWarning] = useState<string | null>(null);

  const schedule = useMutation({
    mutationFn: async () =>
      (await call(
        api.POST('/api/seasons/{seasonId}/rounds/schedule', {
          params: { path: { seasonId: season.id } },
          body: {},
        }),
      )) as { items: RoundView[]; warning: string | null },
    onSuccess: async ({ items: rounds, warning }) => {
      setScheduled(rounds);
      setScheduleWarning(warning);
      await queryClient.invalidateQueries({ queryKey: keys.rounds(season.id) });
    },
  });

  const start = useMutation({
    mutationFn: async (dryRun: boolean) =>
      (await call(
        api.POST('/api/seasons/{seasonId}/rounds', {
          params: { path: { seasonId: season.id } },
          body: { dryRun },
        }),
      )) as RoundView,
    onSuccess: async (round) => {
      await queryClient.invalidateQueries({ queryKey: keys.rounds(season.id) });
      notifications.show({ color: 'blue', message: round.dryRun ? m.startedDry : m.started });
      setConfirm(null);
      navigate(`/rondes/${round.id}`);
    },
  });

  // How many pupils a round would take, shown in the confirmation.
  const summary = useQuery({
    queryKey: ['transfer-requests', 'summary', season.id],
    enabled: confirm !== null,
    queryFn: () =>
      call(
        api.GET('/api/transfer-requests/summary', {
          params: { query: { seasonId: season.id } },
        }),
      ),
  });
  const submitted = summary.data?.counts.submitted;

  const dates = season.roundDates.map((d) => formatDate(d)).join(', ');

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="round-actions">
      <Stack gap="sm">
        <Title order={2} size="h4" id="round-actions">
          {m.actionsTitle}
        </Title>
        <Text size="sm">
          {m.scheduleHint(dates)}{' '}
          <Anchor component={Link} to={`/seizoenen/${season.id}`} size="sm">
            {m.editCalendar}
          </Anchor>
        </Text>
        <Group gap="sm">
          <Button
            leftSection={<IconCalendarPlus size={16} aria-hidden />}
            onClick={() => schedule.mutate()}
            loading={schedule.isPending}
            variant="default"
          >
            {m.schedule}
          </Button>
          <Button
            leftSection={<IconFlask size={16} aria-hidden />}
            onClick={() => {
              start.reset();
              setConfirm('dry');
            }}
            variant="default"
          >
            {m.startDry}
          </Button>
          <Button
            leftSection={<IconPlayerPlay size={16} aria-hidden />}
            onClick={() => {
              start.reset();
              setConfirm('real');
            }}
          >
            {m.startNow}
          </Button>
        </Group>
        <Text size="xs" c="dimmed" maw={760}>
          {m.buttonsHint}
        </Text>
        {schedule.error && <ErrorAlert error={schedule.error} />}
        {scheduled && (
          <Alert
            color={scheduled.length ? 'green' : 'yellow'}
            variant="light"
            title={m.scheduledTitle}
            role="status"
            withCloseButton
            closeButtonLabel={t.close}
            onClose={() => setScheduled(null)}
          >
            {scheduled.length ? (
              <>
                <Text size="sm">{m.scheduledList(scheduled.length)}</Text>
                <Text component="ul" size="sm" my={4} pl="md">
                  {scheduled.map((r) => (
                    <li key={r.id}>
                      <Anchor component={Link} to={`/rondes/${r.id}`} size="sm" c="inherit">
                        {formatDateTime(r.scheduledFor)}
                      </Anchor>{' '}
                      <Text span size="xs" c="dimmed">
                        ({m.seedHashShort(shortHash(r.seedHash))})
                      </Text>
                    </li>
                  ))}
                </Text>
              </>
            ) : (
              <Text size="sm">{m.scheduledNone}</Text>
            )}
            {scheduleWarning && (
              <Text size="sm" c="orange.8" fw={600} mt={4}>
                {scheduleWarning}
              </Text>
            )}
          </Alert>
        )}
      </Stack>

      <Modal
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={confirm === 'dry' ? m.confirmTitleDry : m.confirmTitleReal}
        centered
      >
        <Stack gap="md">
          <Text size="sm">{confirm === 'dry' ? m.confirmDry : m.confirmReal}</Text>
          {submitted !== undefined && (
            <Text size="sm" fw={500}>
              {submitted ? m.confirmCounts(submitted) : m.confirmNoPupils}
            </Text>
          )}
          {start.error && <ErrorAlert error={start.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(null)}>
              {m.confirmCancel}
            </Button>
            <Button
              color={confirm === 'dry' ? 'blue' : 'red'}
              loading={start.isPending}
              onClick={() => start.mutate(confirm === 'dry')}
              data-autofocus
            >
              {m.confirmYes}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

function RoundList({ seasonId, seasonName }: { seasonId: string; seasonName: string }) {
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: [...keys.rounds(seasonId), page],
    queryFn: () =>
      call(
        api.GET('/api/seasons/{seasonId}/rounds', {
          params: { path: { seasonId }, query: { page, limit: LIMIT } },
        }),
      ),
    refetchInterval: (query) =>
      query.state.data?.items.some((r) => isActive(r as RoundView)) ? 2000 : false,
  });
  const rounds = (q.data?.items ?? []) as RoundView[];

  return (
    <section aria-labelledby="round-list">
      <Title order={2} size="h4" id="round-list" mb="sm">
        {m.listTitle}
      </Title>
      <QueryState isPending={q.isPending} error={q.error}>
        {!rounds.length ? (
          <Alert color="blue" variant="light">
            {m.empty}
          </Alert>
        ) : (
          <>
            <Table.ScrollContainer minWidth={900}>
              <Table striped highlightOnHover verticalSpacing="sm">
                <Table.Caption>{m.caption(seasonName)}</Table.Caption>
                <Table.Thead style={{ whiteSpace: 'nowrap' }}>
                  <Table.Tr>
                    <Table.Th scope="col">{m.date}</Table.Th>
                    <Table.Th scope="col">{m.kind}</Table.Th>
                    <Table.Th scope="col">{m.status}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {m.placed}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {m.firstChoice}
                    </Table.Th>
                    <Table.Th scope="col">{m.proposals}</Table.Th>
                    <Table.Th scope="col">
                      <VisuallyHidden>{t.office.seasons.actions}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rounds.map((r) => {
                    const rep = r.report;
                    return (
                      <Table.Tr key={r.id}>
                        <Table.Th scope="row" fw={500}>
                          <Text size="sm" fw={500}>
                            {formatDateTime(roundMoment(r))}
                          </Text>
                          {(r.status === 'scheduled' || isActive(r)) && (
                            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                              {m.seedHashShort(shortHash(r.seedHash))}
                            </Text>
                          )}
                        </Table.Th>
                        <Table.Td>{r.dryRun ? m.dry : m.real}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <RoundStatusBadge status={r.status} />
                        </Table.Td>
                        <Table.Td ta="right">
                          {rep ? m.placedOf(rep.placed, rep.pupils) : '—'}
                        </Table.Td>
                        <Table.Td ta="right">
                          {rep ? `${Math.round(rep.firstChoiceShare * 100)}%` : '—'}
                        </Table.Td>
                        <Table.Td>
                          {!r.dryRun && r.counts.proposals
                            ? m.proposalsText(
                                r.counts.accepted,
                                r.counts.pending,
                                r.counts.declined,
                              )
                            : '—'}
                        </Table.Td>
                        <Table.Td>
                          <Button
                            component={Link}
                            to={`/rondes/${r.id}`}
                            size="xs"
                            variant="light"
                            aria-label={m.openLabel(roundTitle(r))}
                          >
                            {m.open}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Pager page={page} total={q.data?.total ?? 0} limit={LIMIT} onChange={setPage} />
          </>
        )}
      </QueryState>
    </section>
  );
}
