/**
 * The start page: the season at a glance. For a coordinator their current school's outgoing
 * pupils, free places, proposals waiting for an answer and notices; for advisors and admins the
 * region's figures and the season monitor.
 */
import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconArrowRight, IconInfoCircle, IconUserPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { useMe } from '../auth/session';
import { useWorkspace, type Season } from '../auth/workspace';
import { ErrorAlert, PageHeader, QueryState, StatusBadge } from '../components/ui';
import { formatDate, formatDateTime, formatNumber, formatRelativeDays, t } from '../messages';
import { daysBetween, todayIso } from './start/calendar';
import { noticeKind, noticePath, useMarkRead } from './start/notification-parts';
import { DeadlineText, placeOf, pupilName } from './start/proposal-parts';

const ts = t.pages.start;
/** The same list query as the proposals page's first page, so both share the cache. */
const PROPOSALS_LIMIT = 20;
const SHOWN = 5;
const ROW = { borderTop: '1px solid var(--mantine-color-gray-2)' };

export default function StartPage() {
  const me = useMe();
  const ws = useWorkspace();
  const coordinator = me.role === 'coordinator';
  const season = ws.season;

  const header = (
    <PageHeader
      title={ts.title}
      intro={
        season
          ? coordinator && ws.school
            ? ts.introSchool(ws.school.name, season.name)
            : ts.introRegion(season.name)
          : undefined
      }
      actions={
        <Button
          component={Link}
          to="/leerlingen/nieuw"
          leftSection={<IconUserPlus size={18} aria-hidden />}
        >
          {ts.newPupil}
        </Button>
      }
    />
  );

  if (ws.loading)
    return (
      <QueryState isPending error={null}>
        {null}
      </QueryState>
    );
  if (!season)
    return (
      <>
        {header}
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t.noSeason}
        </Alert>
      </>
    );
  if (coordinator && !ws.school)
    return (
      <>
        {header}
        <Alert color="yellow" variant="light">
          {ts.noSchool}
        </Alert>
      </>
    );

  const schoolId = coordinator ? ws.school?.id : undefined;
  return (
    <>
      {header}
      <Stack gap="lg">
        <SeasonCard season={season} region={!coordinator} />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <OutgoingCard seasonId={season.id} schoolId={schoolId} />
          <ProposalsCard schoolId={schoolId} showSchool={!coordinator} />
          <PlacesCard seasonId={season.id} schoolId={schoolId} canEdit={me.role !== 'advisor'} />
          <NoticesCard />
        </SimpleGrid>
      </Stack>
    </>
  );
}

// ---- building blocks

function Card({
  title,
  children,
  footer,
}: {
  title: string;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label={title}>
      <Stack gap="sm" h="100%">
        <Title order={2} size="h4">
          {title}
        </Title>
        <div style={{ flex: 1 }}>{children}</div>
        {footer && <Group gap="md">{footer}</Group>}
      </Stack>
    </Paper>
  );
}

function BigNumber({ value, label }: { value: ReactNode; label?: ReactNode }) {
  return (
    <Group gap="xs" align="baseline" wrap="nowrap">
      <Text fz={40} fw={700} lh={1.1} c="blue.9">
        {value}
      </Text>
      {label && (
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      )}
    </Group>
  );
}

function MoreLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Anchor component={Link} to={to} size="sm" fw={600}>
      <Group gap={4} component="span">
        {children}
        <IconArrowRight size={16} aria-hidden />
      </Group>
    </Anchor>
  );
}

function Stat({
  label,
  value,
  hint,
  small = false,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  small?: boolean;
}) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={700} tt="uppercase" lts={0.4}>
        {label}
      </Text>
      <Text fz={small ? 18 : 22} fw={700} lh={1.25} c={small ? undefined : 'blue.9'}>
        {value}
      </Text>
      {hint && (
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
      )}
    </Stack>
  );
}

// ---- the season

function SeasonCard({ season, region }: { season: Season; region: boolean }) {
  const today = todayIso();
  // schoolDaysToSummer comes with the season itself.
  const detail = useQuery({
    queryKey: ['season', season.id],
    queryFn: () => call(api.GET('/api/seasons/{id}', { params: { path: { id: season.id } } })),
  });
  // Counted by the API in the region's calendar; nothing shown until it answers.
  const toSummer = detail.data?.schoolDaysToSummer;

  const entryValue =
    today < season.entryOpens
      ? ts.entryNotYet
      : today <= season.entryCloses
        ? ts.entryOpen
        : ts.entryClosed;
  const entryHint =
    today < season.entryOpens
      ? ts.entryOpensOn(formatDate(season.entryOpens))
      : today <= season.entryCloses
        ? ts.entryOpenUntil(formatDate(season.entryCloses))
        : ts.entryClosedOn(formatDate(season.entryCloses));

  const rounds = [...season.roundDates].sort();
  const next = rounds.findIndex((d) => d >= today);
  const summerBegun = today >= season.summerHolidayStart;

  return (
    <Paper
      withBorder
      p="lg"
      radius="md"
      component="section"
      aria-label={ts.seasonTitle(season.name)}
    >
      <Title order={2} size="h4" mb="md">
        {ts.seasonTitle(season.name)}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="lg">
        <Stat label={ts.entry} value={entryValue} hint={entryHint} />
        <Stat
          label={ts.nextRound}
          value={next >= 0 ? formatDate(rounds[next]) : ts.noNextRound}
          hint={
            next >= 0
              ? `${formatRelativeDays(rounds[next])} · ${ts.roundOf(next + 1, rounds.length)}`
              : ts.noNextRoundHint
          }
        />
        <Stat
          label={ts.answerWindow}
          value={ts.schoolDays(season.responseSchoolDays)}
          hint={ts.answerWindowHint}
        />
        <Stat
          label={ts.toSummer}
          value={
            summerBegun ? ts.summerStarted : toSummer === undefined ? '…' : ts.schoolDays(toSummer)
          }
          hint={
            summerBegun
              ? ts.summerStartedHint
              : ts.summerStarts(
                  formatDate(season.summerHolidayStart),
                  daysBetween(today, season.summerHolidayStart),
                )
          }
        />
      </SimpleGrid>
      {region && <MonitorRow seasonId={season.id} />}
    </Paper>
  );
}

function MonitorRow({ seasonId }: { seasonId: string }) {
  const q = useQuery({
    queryKey: ['monitor', seasonId],
    queryFn: () =>
      call(api.GET('/api/seasons/{seasonId}/monitor', { params: { path: { seasonId } } })),
  });
  if (q.error) return <ErrorAlert error={q.error} />;
  const f: Schemas['MonitorFigures'] | undefined = q.data?.totals;
  if (!f) return null;
  const share = f.placedBeforeSummerShare;
  return (
    <Stack gap="xs" mt="lg" pt="md" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      <Title order={3} size="h5">
        {ts.monitorTitle}
      </Title>
      {share === null ? (
        <Text size="sm">{ts.monitorNoPupils}</Text>
      ) : (
        <>
          <Group gap="xs" align="baseline">
            <Text fz={28} fw={700} c="blue.9">
              {Math.round(share * 100)}%
            </Text>
            <Text size="sm" c="dimmed">
              {ts.monitorPlacedBeforeSummer} ({formatNumber(f.placedBeforeSummer)} /{' '}
              {formatNumber(f.total)})
            </Text>
          </Group>
          <Progress
            value={share * 100}
            color="green.8"
            size="md"
            aria-label={`${ts.monitorPlacedBeforeSummer}: ${Math.round(share * 100)}%`}
          />
          <Group gap="lg">
            <Text size="sm">
              {ts.monitorPlaced}: <strong>{formatNumber(f.placed)}</strong>
            </Text>
            <Text size="sm">
              {ts.monitorProposed}: <strong>{formatNumber(f.proposed)}</strong>
            </Text>
            <Text size="sm">
              {ts.monitorMediation}: <strong>{formatNumber(f.mediation)}</strong>
            </Text>
            <Text size="sm">
              {ts.monitorUnplaced}: <strong>{formatNumber(f.unplaced)}</strong>
            </Text>
          </Group>
        </>
      )}
    </Stack>
  );
}

// ---- outgoing pupils

const STATUS_ORDER = [
  'draft',
  'submitted',
  'proposed',
  'mediation',
  'placed',
  'withdrawn',
] as const;

function OutgoingCard({ seasonId, schoolId }: { seasonId: string; schoolId?: string }) {
  const q = useQuery({
    queryKey: ['transfer-requests', 'summary', { seasonId, schoolId: schoolId ?? null }],
    queryFn: () =>
      call(
        api.GET('/api/transfer-requests/summary', { params: { query: { seasonId, schoolId } } }),
      ),
  });
  return (
    <Card
      title={schoolId ? ts.outgoingTitle : ts.outgoingTitleRegion}
      footer={<MoreLink to="/leerlingen">{ts.outgoingAll}</MoreLink>}
    >
      <QueryState isPending={q.isPending} error={q.error}>
        {q.data && (
          <Stack gap="sm">
            <BigNumber value={formatNumber(q.data.total)} label={ts.pupilsWord(q.data.total)} />
            {q.data.total === 0 ? (
              <Text size="sm">{ts.outgoingEmpty}</Text>
            ) : (
              <SimpleGrid
                cols={{ base: 1, xs: 2 }}
                spacing={6}
                verticalSpacing={6}
                component="ul"
                style={{ listStyle: 'none', padding: 0, margin: 0 }}
              >
                {STATUS_ORDER.map((s) => {
                  const n = q.data.counts[s];
                  return (
                    <li key={s}>
                      <Anchor
                        component={Link}
                        to={`/leerlingen?status=${s}`}
                        underline="never"
                        c="inherit"
                        aria-label={ts.outgoingStatusLink(t.status[s], n)}
                      >
                        <Group justify="space-between" wrap="nowrap" px="xs" py={4}>
                          <StatusBadge status={s} />
                          <Text fw={700} c={n ? undefined : 'dimmed'}>
                            {formatNumber(n)}
                          </Text>
                        </Group>
                      </Anchor>
                    </li>
                  );
                })}
              </SimpleGrid>
            )}
          </Stack>
        )}
      </QueryState>
    </Card>
  );
}

// ---- proposals waiting

function ProposalsCard({ schoolId, showSchool }: { schoolId?: string; showSchool: boolean }) {
  const q = useQuery({
    queryKey: [
      'proposals',
      { schoolId: schoolId ?? null, status: 'pending', page: 1, limit: PROPOSALS_LIMIT },
    ],
    queryFn: () =>
      call(
        api.GET('/api/proposals', {
          params: { query: { status: 'pending', schoolId, page: 1, limit: PROPOSALS_LIMIT } },
        }),
      ),
  });
  const items = q.data?.items.filter((p) => p.status === 'pending') ?? [];
  const total = q.data ? q.data.total : 0;
  return (
    <Card
      title={schoolId ? ts.proposalsTitle : ts.proposalsTitleRegion}
      footer={<MoreLink to="/voorstellen">{ts.proposalsAll}</MoreLink>}
    >
      <QueryState isPending={q.isPending} error={q.error}>
        <Stack gap="sm">
          <BigNumber value={formatNumber(total)} label={ts.proposalsWaiting(total)} />
          {total === 0 ? (
            <Text size="sm">{schoolId ? ts.proposalsEmpty : ts.proposalsEmptyRegion}</Text>
          ) : (
            <Stack gap={0} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {items.slice(0, SHOWN).map((p) => (
                <li key={p.id} style={ROW}>
                  <Group justify="space-between" wrap="wrap" gap={4} py={6}>
                    <div>
                      <Anchor component={Link} to={`/voorstellen/${p.id}`} fw={600} size="sm">
                        {pupilName(p)}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {placeOf(p)}
                        {showSchool ? ` · ${p.school.name}` : ''}
                      </Text>
                    </div>
                    <DeadlineText
                      respondBy={p.respondBy}
                      schoolDaysLeft={p.schoolDaysLeft}
                      size="xs"
                    />
                  </Group>
                </li>
              ))}
              {total > SHOWN && (
                <Text size="xs" c="dimmed" component="li" pt={4}>
                  {ts.proposalsMore(total - SHOWN)}
                </Text>
              )}
            </Stack>
          )}
        </Stack>
      </QueryState>
    </Card>
  );
}

// ---- free places

async function allOffers(seasonId: string, schoolId?: string) {
  const items: Schemas['OfferView'][] = [];
  for (let page = 1; page <= 20; page++) {
    const r = await call(
      api.GET('/api/seasons/{seasonId}/offers', {
        params: { path: { seasonId }, query: { schoolId, page, limit: 200 } },
      }),
    );
    items.push(...r.items);
    if (items.length >= r.total || r.items.length === 0) break;
  }
  return items;
}

function PlacesCard({
  seasonId,
  schoolId,
  canEdit,
}: {
  seasonId: string;
  schoolId?: string;
  canEdit: boolean;
}) {
  const q = useQuery({
    queryKey: ['offers', seasonId, 'all', { schoolId: schoolId ?? null }],
    queryFn: () => allOffers(seasonId, schoolId),
  });
  const sum = (q.data ?? []).reduce(
    (a, o) => ({
      capacity: a.capacity + o.capacity,
      remaining: a.remaining + o.remaining,
      placed: a.placed + o.placed,
      pending: a.pending + o.pending,
    }),
    { capacity: 0, remaining: 0, placed: 0, pending: 0 },
  );
  return (
    <Card
      title={schoolId ? ts.placesTitle : ts.placesTitleRegion}
      footer={
        canEdit ? (
          <MoreLink to="/vrije-plaatsen">{ts.placesEdit}</MoreLink>
        ) : (
          <MoreLink to="/regiobord">{ts.placesBoard}</MoreLink>
        )
      }
    >
      <QueryState isPending={q.isPending} error={q.error}>
        {q.data && q.data.length === 0 ? (
          <Text size="sm">{schoolId ? ts.placesEmpty : ts.placesEmptyRegion}</Text>
        ) : (
          <Stack gap="sm">
            <BigNumber
              value={formatNumber(sum.remaining)}
              label={`${ts.placesRemaining}, ${ts.placesOf(sum.capacity)}`}
            />
            <SimpleGrid cols={3} spacing="sm">
              <Stat label={ts.placesPlaced} value={formatNumber(sum.placed)} small />
              <Stat label={ts.placesPending} value={formatNumber(sum.pending)} small />
              <Stat label={ts.placesRows} value={formatNumber(q.data?.length)} small />
            </SimpleGrid>
          </Stack>
        )}
      </QueryState>
    </Card>
  );
}

// ---- notices

function NoticesCard() {
  const q = useQuery({
    queryKey: ['notifications', { page: 1, limit: SHOWN, unread: 'all' }],
    queryFn: () =>
      call(api.GET('/api/notifications', { params: { query: { page: 1, limit: SHOWN } } })),
  });
  const markRead = useMarkRead();
  return (
    <Card
      title={ts.notificationsTitle}
      footer={<MoreLink to="/meldingen">{ts.notificationsAll}</MoreLink>}
    >
      <QueryState isPending={q.isPending} error={q.error}>
        {q.data && (
          <Stack gap="sm">
            <BigNumber value={formatNumber(q.data.unread)} label={ts.unread} />
            {q.data.items.length === 0 ? (
              <Text size="sm">{ts.notificationsEmpty}</Text>
            ) : (
              <Stack gap={0} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {q.data.items.map((n) => {
                  const path = noticePath(n.link) ?? '/meldingen';
                  const unread = !n.readAt;
                  const kind = noticeKind(n.kind);
                  return (
                    <li key={n.id} style={ROW}>
                      <Group justify="space-between" wrap="nowrap" gap="sm" py={6}>
                        <Anchor
                          component={Link}
                          to={path}
                          size="sm"
                          fw={unread ? 700 : 400}
                          onClick={() => unread && markRead.mutate(n.id)}
                        >
                          {kind ? `${kind}: ` : ''}
                          {n.subject}
                          {unread && <VisuallyHidden> ({ts.unread})</VisuallyHidden>}
                        </Anchor>
                        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                          {formatDateTime(n.createdAt)}
                        </Text>
                      </Group>
                    </li>
                  );
                })}
              </Stack>
            )}
          </Stack>
        )}
      </QueryState>
    </Card>
  );
}
