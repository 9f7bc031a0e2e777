/**
 * /voorstellen: the proposals a matching round made to the coordinator's current school, to
 * accept or decline within the answer window; advisors and admins see the region's.
 * /voorstellen/:id: one proposal with what the receiving school needs to decide.
 */
import { Alert, Anchor, Badge, Button, Group, Stack, Tabs, Text } from '@mantine/core';
import { IconArrowLeft, IconInfoCircle } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, ApiError, call } from '../api/client';
import { useMe } from '../auth/session';
import { useWorkspace } from '../auth/workspace';
import { PageHeader, Pager, QueryState } from '../components/ui';
import { t } from '../messages';
import { ProposalCard, pupilName, type Proposal } from './start/proposal-parts';

const tp = t.pages.proposals;
const LIMIT = 20;

type Tab = 'pending' | 'accepted' | 'declined' | 'withdrawn';

export default function ProposalsPage() {
  const { id } = useParams();
  return id ? <ProposalDetailPage id={id} /> : <ProposalListPage />;
}

function ProposalListPage() {
  const me = useMe();
  const ws = useWorkspace();
  const [params, setParams] = useSearchParams();
  const coordinator = me.role === 'coordinator';
  // Coordinators see only open and accepted proposals (the API hides the rest from them).
  const tabs: Tab[] = coordinator
    ? ['pending', 'accepted']
    : ['pending', 'accepted', 'declined', 'withdrawn'];
  const tab = (tabs as string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as Tab)
    : 'pending';
  const [page, setPage] = useState(1);
  const schoolId = coordinator ? ws.school?.id : undefined;

  const list = useQuery({
    queryKey: ['proposals', { schoolId: schoolId ?? null, status: tab, page, limit: LIMIT }],
    queryFn: () =>
      call(
        api.GET('/api/proposals', {
          params: { query: { status: tab, schoolId, page, limit: LIMIT } },
        }),
      ),
    enabled: !coordinator || !!schoolId,
    placeholderData: keepPreviousData,
  });
  // The number waiting, for the tab's label (the same query the start page uses).
  const waiting = useQuery({
    queryKey: [
      'proposals',
      { schoolId: schoolId ?? null, status: 'pending', page: 1, limit: LIMIT },
    ],
    queryFn: () =>
      call(
        api.GET('/api/proposals', {
          params: { query: { status: 'pending', schoolId, page: 1, limit: LIMIT } },
        }),
      ),
    enabled: (!coordinator || !!schoolId) && tab !== 'pending',
  });
  // (An answer given on this page stays in view with its new status until the list reloads.)
  const waitingTotal =
    tab === 'pending' && list.data
      ? list.data.total - list.data.items.filter((p) => p.status !== 'pending').length
      : waiting.data?.total;

  // A coordinator of several schools: proposals waiting at their other schools.
  const elsewhere = useQuery({
    queryKey: ['proposals', { schoolId: null, status: 'pending', page: 1, limit: 200 }],
    queryFn: () =>
      call(api.GET('/api/proposals', { params: { query: { status: 'pending', limit: 200 } } })),
    enabled: coordinator && ws.schools.length > 1,
  });
  const otherSchools = ws.schools
    .filter((s) => s.id !== schoolId)
    .map((s) => ({
      ...s,
      waiting: (elsewhere.data?.items ?? []).filter(
        (p) => p.school.id === s.id && p.status === 'pending',
      ).length,
    }))
    .filter((s) => s.waiting > 0);

  const label: Record<Tab, string> = {
    pending: tp.tabPending,
    accepted: coordinator ? tp.tabAnswered : tp.tabAccepted,
    declined: tp.tabDeclined,
    withdrawn: tp.tabWithdrawn,
  };
  const empty =
    tab === 'pending'
      ? coordinator
        ? tp.emptyPending
        : tp.emptyPendingRegion
      : tab === 'accepted' && coordinator
        ? tp.emptyAnswered
        : tp.emptyOther;

  const setTab = (v: string | null) => {
    setPage(1);
    setParams(v && v !== 'pending' ? { status: v } : {}, { replace: true });
  };

  if (coordinator && !ws.school) {
    return (
      <>
        <PageHeader title={tp.title} />
        <Alert color="yellow" variant="light">
          {t.pages.start.noSchool}
        </Alert>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={tp.title}
        intro={
          coordinator && ws.school
            ? tp.intro(ws.school.name, ws.season?.responseSchoolDays ?? 5)
            : tp.introRegion
        }
      />
      {otherSchools.map((s) => (
        <Alert
          key={s.id}
          color="blue"
          variant="light"
          mb="md"
          icon={<IconInfoCircle aria-hidden />}
        >
          <Group justify="space-between" gap="sm">
            <Text size="sm">{tp.otherSchool(s.name, s.waiting)}</Text>
            <Button size="xs" variant="white" onClick={() => ws.setSchoolId(s.id)}>
              {tp.switchTo(s.name)}
            </Button>
          </Group>
        </Alert>
      ))}
      <Tabs value={tab} onChange={setTab} mb="md" keepMounted={false}>
        <Tabs.List aria-label={tp.tabsLabel}>
          {tabs.map((s) => (
            <Tabs.Tab
              key={s}
              value={s}
              rightSection={
                s === 'pending' && waitingTotal ? (
                  <Badge size="sm" variant="filled" color="blue.8">
                    {waitingTotal}
                  </Badge>
                ) : undefined
              }
            >
              {label[s]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {coordinator && tab === 'accepted' && (
        <Text size="sm" c="dimmed" mb="md">
          {tp.answeredNote}
        </Text>
      )}
      <QueryState isPending={list.isPending} error={list.error}>
        {list.data && list.data.items.length === 0 ? (
          <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
            {empty}
          </Alert>
        ) : (
          <Stack gap="md" component="section" aria-label={`${tp.listLabel}: ${label[tab]}`}>
            {list.data?.items.map((p: Proposal) => (
              <ProposalCard
                key={p.id}
                p={p}
                season={ws.season}
                canAnswer={me.role !== 'advisor'}
                showSchool={!coordinator}
                defaultOpen={list.data.items.length <= 3}
              />
            ))}
          </Stack>
        )}
        {list.data && (
          <Pager page={page} total={list.data.total} limit={LIMIT} onChange={setPage} />
        )}
      </QueryState>
    </>
  );
}

function ProposalDetailPage({ id }: { id: string }) {
  const me = useMe();
  const ws = useWorkspace();
  const q = useQuery({
    queryKey: ['proposal', id],
    queryFn: () => call(api.GET('/api/proposals/{id}', { params: { path: { id } } })),
  });
  const p = q.data;
  return (
    <>
      <Group mb="xs">
        <Anchor component={Link} to="/voorstellen" size="sm">
          <Group gap={4} component="span">
            <IconArrowLeft size={16} aria-hidden />
            {tp.backToList}
          </Group>
        </Anchor>
      </Group>
      <PageHeader title={p?.pupil ? tp.detailTitle(pupilName(p)) : tp.detailTitlePlain} />
      {q.error instanceof ApiError && q.error.status === 404 ? (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {tp.notVisible}
        </Alert>
      ) : (
        <QueryState isPending={q.isPending} error={q.error}>
          {p && (
            <ProposalCard
              p={p}
              season={ws.season}
              canAnswer={me.role !== 'advisor'}
              showSchool
              collapsible={false}
              linkTitle={false}
            />
          )}
        </QueryState>
      )}
    </>
  );
}
