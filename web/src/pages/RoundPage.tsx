/**
 * /rondes/:id: one matching round. While it waits or runs, its progress (polled every second);
 * the seed's fingerprint from the start and the seed itself once it ran (checked here against the
 * fingerprint); "Opnieuw afspelen" re-runs it and compares byte for byte; then the report with
 * names and, per pupil, the engine's explanation.
 */
import {
  Alert,
  Anchor,
  Button,
  Code,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import {
  IconCircleCheck,
  IconCircleDashed,
  IconAlertTriangle,
  IconRepeat,
  IconCircleX,
  IconLoader2,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, call } from '../api/client';
import { useMe } from '../auth/session';
import { ErrorAlert, PageHeader, QueryState } from '../components/ui';
import { formatDateTime, t } from '../messages';
import { keys, sha256Hex, shortHash, type RoundView } from './office/api';
import { PupilExplanation } from './office/PupilExplanation';
import { RoundReportView } from './office/RoundReport';
import { isActive, roundTitle, RoundStatusBadge } from './office/rounds';

const m = t.office.round;

/** The worker's steps: it sets 5 when it starts, 30 after the snapshot, 70 after the engine. */
const STEPS: { from: number; to: number; label: string }[] = [
  { from: 5, to: 30, label: m.step5 },
  { from: 30, to: 70, label: m.step30 },
  { from: 70, to: 100, label: m.step70 },
];

export default function RoundPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const q = useQuery({
    queryKey: keys.round(id),
    queryFn: async () =>
      (await call(api.GET('/api/rounds/{id}', { params: { path: { id } } }))) as RoundView,
    refetchInterval: (query) => (query.state.data && isActive(query.state.data) ? 1000 : false),
    retry: (n, err) => !(err instanceof ApiError && err.status === 404) && n < 2,
  });
  const round = q.data;

  // When the round finishes, the list on /rondes shows it too.
  const status = round?.status;
  const seasonId = round?.seasonId;
  useEffect(() => {
    if (seasonId && status && status !== 'queued' && status !== 'running')
      void queryClient.invalidateQueries({ queryKey: keys.rounds(seasonId) });
  }, [status, seasonId, queryClient]);

  const back = (
    <Anchor component={Link} to="/rondes" size="sm">
      {m.back}
    </Anchor>
  );

  if (q.error instanceof ApiError && q.error.status === 404)
    return (
      <>
        <PageHeader title={t.office.rounds.title} actions={back} />
        <Alert color="yellow" variant="light">
          {m.notFound}
        </Alert>
      </>
    );

  return (
    <QueryState isPending={q.isPending} error={q.error}>
      {round && (
        <>
          <PageHeader
            title={roundTitle(round)}
            intro={round.dryRun ? m.dryNote : undefined}
            actions={back}
          />
          <Stack gap="xl">
            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
              <RoundState round={round} />
              <RoundFacts round={round} />
            </SimpleGrid>
            {round.status === 'completed' && (
              <>
                <section aria-labelledby="report-title">
                  <Title order={2} size="h3" id="report-title" mb="md">
                    {m.report}
                  </Title>
                  <RoundReportView roundId={round.id} />
                </section>
                {(round.report?.pupils ?? 0) > 0 && <PupilExplanation roundId={round.id} />}
              </>
            )}
          </Stack>
        </>
      )}
    </QueryState>
  );
}

/** Status, progress bar and the steps; for a planned, failed or cancelled round, what that means. */
function RoundState({ round }: { round: RoundView }) {
  const pct = round.status === 'completed' ? 100 : Math.max(0, Math.min(100, round.progress));
  const showBar = round.status !== 'scheduled' && round.status !== 'cancelled';
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="round-state">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} size="h4" id="round-state">
            {t.office.rounds.status}
          </Title>
          <div aria-live="polite">
            <RoundStatusBadge status={round.status} />
          </div>
        </Group>
        {showBar && (
          <>
            <Progress.Root size={22} radius="sm">
              <Progress.Section
                value={pct}
                color={
                  round.status === 'failed'
                    ? 'red'
                    : round.status === 'completed'
                      ? 'green'
                      : 'blue'
                }
                animated={isActive(round)}
                striped={isActive(round)}
                aria-label={m.progressLabel}
              >
                {pct >= 10 && <Progress.Label>{m.progressText(pct)}</Progress.Label>}
              </Progress.Section>
            </Progress.Root>
            <Stack gap={4} component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
              {STEPS.map((s) => {
                const failed = round.status === 'failed';
                const done = pct >= s.to && !failed;
                const now = !done && !failed && isActive(round) && pct >= s.from;
                const Icon = done ? IconCircleCheck : now ? IconLoader2 : IconCircleDashed;
                return (
                  <Group component="li" key={s.from} gap="xs" wrap="nowrap">
                    <Icon
                      size={16}
                      aria-hidden
                      color={
                        done
                          ? 'var(--mantine-color-green-7)'
                          : now
                            ? 'var(--mantine-color-blue-7)'
                            : 'var(--mantine-color-gray-5)'
                      }
                    />
                    <Text size="sm" c={done || now ? undefined : 'dimmed'} fw={now ? 600 : 400}>
                      {s.label}
                      {(done || now) && (
                        <VisuallyHidden> {done ? m.stepDone : m.stepNow}</VisuallyHidden>
                      )}
                    </Text>
                  </Group>
                );
              })}
            </Stack>
            {round.status === 'queued' && pct === 0 && (
              <Text size="sm" c="dimmed">
                {m.stepWaiting}
              </Text>
            )}
          </>
        )}
        {round.status === 'scheduled' && (
          <Text size="sm">{m.scheduledText(formatDateTime(round.scheduledFor))}</Text>
        )}
        {round.status === 'cancelled' && (
          <Alert color="gray" variant="light">
            {m.cancelledText(round.error)}
          </Alert>
        )}
        {round.status === 'failed' && (
          <Alert color="red" variant="light" icon={<IconCircleX aria-hidden />}>
            {m.failedText}
            {round.error && (
              <Text size="xs" mt={4}>
                {m.failedReason(round.error)}
              </Text>
            )}
          </Alert>
        )}
        {round.status === 'completed' && !round.dryRun && round.counts.proposals > 0 && (
          <Text size="sm">
            <strong>{m.proposalsSince}:</strong>{' '}
            {t.office.rounds.proposalsText(
              round.counts.accepted,
              round.counts.pending,
              round.counts.declined,
            )}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** Mechanism, times, the seed's fingerprint and (after the run) the seed and the replay. */
function RoundFacts({ round }: { round: RoundView }) {
  const me = useMe();
  const [seedOk, setSeedOk] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    if (round.seed)
      void sha256Hex(round.seed).then(
        (h) => live && setSeedOk(h === null ? null : h === round.seedHash),
      );
    return () => {
      live = false;
    };
  }, [round.seed, round.seedHash]);

  const replay = useMutation({
    mutationFn: () =>
      call(api.POST('/api/rounds/{id}/replay', { params: { path: { id: round.id } } })),
  });

  const row = (label: string, value: ReactNode) => (
    <Table.Tr>
      <Table.Th scope="row" w={200} fw={500} style={{ verticalAlign: 'top' }}>
        {label}
      </Table.Th>
      <Table.Td>{value}</Table.Td>
    </Table.Tr>
  );
  const hash = (h: string) => (
    <Code style={{ wordBreak: 'break-all', whiteSpace: 'normal' }} fz="xs">
      {h}
    </Code>
  );

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="round-facts">
      <Title order={2} size="h4" id="round-facts" mb="sm">
        {m.facts}
      </Title>
      <Table verticalSpacing={6} aria-labelledby="round-facts">
        <Table.Tbody>
          {row(m.mechanism, m.mechanisms[round.mechanism] ?? round.mechanism)}
          {round.scheduledFor && row(m.scheduledFor, formatDateTime(round.scheduledFor))}
          {round.startedAt && row(m.startedAt, formatDateTime(round.startedAt))}
          {round.finishedAt &&
            row(
              round.status === 'completed' ? m.finishedAt : m.endedAt,
              formatDateTime(round.finishedAt),
            )}
          {round.durationMs !== null &&
            row(m.duration, m.durationText(round.durationMs, round.engineMs))}
          {row(
            m.seedHash,
            <Stack gap={2}>
              {hash(round.seedHash)}
              <Text size="xs" c="dimmed">
                {m.seedHashHint}
              </Text>
            </Stack>,
          )}
          {row(
            m.seed,
            round.seed ? (
              <Stack gap={2}>
                {hash(round.seed)}
                {seedOk !== null && (
                  <Group gap={4}>
                    {seedOk ? (
                      <IconCircleCheck size={14} color="var(--mantine-color-green-7)" aria-hidden />
                    ) : (
                      <IconAlertTriangle size={14} color="var(--mantine-color-red-7)" aria-hidden />
                    )}
                    <Text size="xs">{seedOk ? m.seedMatches : m.seedMismatch}</Text>
                  </Group>
                )}
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                {round.status === 'failed' || round.status === 'cancelled'
                  ? m.seedNotRevealed
                  : m.seedHidden}
              </Text>
            ),
          )}
          {round.inputHash && row(m.inputHash, <Text size="xs">{shortHash(round.inputHash)}</Text>)}
        </Table.Tbody>
      </Table>
      {round.status === 'completed' && me.role === 'admin' && (
        <Stack gap="xs" mt="md">
          <Group gap="sm">
            <Button
              variant="light"
              leftSection={<IconRepeat size={16} aria-hidden />}
              onClick={() => replay.mutate()}
              loading={replay.isPending}
            >
              {m.replay}
            </Button>
            <Text size="xs" c="dimmed" maw={340}>
              {m.replayHint}
            </Text>
          </Group>
          {replay.error && <ErrorAlert error={replay.error} />}
          {replay.data && (
            <Alert
              role="status"
              variant="light"
              color={replay.data.identical ? 'green' : 'red'}
              icon={
                replay.data.identical ? (
                  <IconCircleCheck aria-hidden />
                ) : (
                  <IconAlertTriangle aria-hidden />
                )
              }
              title={replay.data.identical ? m.replaySame : m.replayDifferent}
            >
              <Text size="xs">
                {m.replayHashes(
                  shortHash(replay.data.storedOutputHash),
                  shortHash(replay.data.outputHash),
                )}
              </Text>
            </Alert>
          )}
        </Stack>
      )}
    </Paper>
  );
}
