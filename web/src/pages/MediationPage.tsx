/**
 * /bemiddeling: the advisors' mediation desk. The region's cases with filters (status, requested
 * leerjaar and niveau, sending school, mine / not assigned) and a sort (most urgent, or waiting
 * longest), in pages of 50. Filters live in the address, so "back" from a case returns to the
 * same list. A row's pupil name opens the case.
 */
import {
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconUserPlus, IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../auth/session';
import { gradeLevel, PageHeader, Pager, QueryState } from '../components/ui';
import { t } from '../messages';
import { useCases, useSchoolsWithBoards, type CaseView, type Level } from './mediation/api';
import { CaseStatusBadge, ListExtendedBadge } from './mediation/parts';
import { GRADES, LEVELS } from './pupils/form';

const LIMIT = 50;
type Who = 'all' | 'mine' | 'unassigned';

export default function MediationPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const schools = useSchoolsWithBoards();
  const d = t.advisor.desk;

  const status = (params.get('status') ?? 'open') as 'open' | 'closed' | 'all';
  const grade = params.get('leerjaar') ?? '';
  const level = params.get('niveau') ?? '';
  const schoolId = params.get('school') ?? '';
  const who = (params.get('wie') ?? 'all') as Who;
  const sort = params.get('sorteer') === 'wachtend' ? 'waiting' : 'urgent';
  const page = Math.max(1, Number(params.get('pagina')) || 1);

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        if (!('pagina' in changes)) next.delete('pagina');
        return next;
      },
      { replace: true },
    );

  const list = useCases({
    status: status === 'all' ? undefined : status,
    grade: grade ? Number(grade) : undefined,
    level: (level || undefined) as Level | undefined,
    schoolId: schoolId || undefined,
    mine: who === 'mine' ? true : undefined,
    unassigned: who === 'unassigned' ? true : undefined,
    sort,
    page,
    limit: LIMIT,
  });

  const filtered =
    status !== 'open' || !!grade || !!level || !!schoolId || who !== 'all' || sort !== 'urgent';
  const clear = () =>
    update({
      status: null,
      leerjaar: null,
      niveau: null,
      school: null,
      wie: null,
      sorteer: null,
    });
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;

  return (
    <>
      <PageHeader
        title={d.title}
        intro={d.intro}
        actions={
          me.role === 'advisor' ? (
            <Button
              component={Link}
              to="/instromers"
              variant="default"
              leftSection={<IconUserPlus size={16} aria-hidden />}
            >
              {d.toMovers}
            </Button>
          ) : undefined
        }
      />

      <Paper withBorder p="md" mb="md" component="section" aria-label={d.filters}>
        <Stack gap="sm">
          <Group align="flex-end" gap="md" wrap="wrap">
            <Stack gap={4}>
              <Text id="desk-status" size="sm" fw={600}>
                {d.status}
              </Text>
              <SegmentedControl
                role="radiogroup"
                aria-labelledby="desk-status"
                value={status}
                onChange={(v) => update({ status: v === 'open' ? null : v })}
                data={[
                  { value: 'open', label: d.statusOpen },
                  { value: 'closed', label: d.statusClosed },
                  { value: 'all', label: d.statusAll },
                ]}
              />
            </Stack>
            <NativeSelect
              label={d.grade}
              value={grade}
              onChange={(e) => update({ leerjaar: e.currentTarget.value || null })}
              data={[
                { value: '', label: d.anyGrade },
                ...GRADES.map((g) => ({ value: String(g), label: t.grade(g) })),
              ]}
              w={150}
            />
            <NativeSelect
              label={d.level}
              value={level}
              onChange={(e) => update({ niveau: e.currentTarget.value || null })}
              data={[
                { value: '', label: d.anyLevel },
                ...LEVELS.map((l) => ({ value: l, label: t.levels[l] ?? l })),
              ]}
              w={220}
            />
            <NativeSelect
              label={d.school}
              value={schoolId}
              onChange={(e) => update({ school: e.currentTarget.value || null })}
              data={[
                { value: '', label: d.anySchool },
                ...(schools.data ?? []).map((s) => ({ value: s.id, label: s.name })),
              ]}
              w={260}
            />
          </Group>
          <Group align="flex-end" gap="md" wrap="wrap">
            <Stack gap={4}>
              <Text id="desk-who" size="sm" fw={600}>
                {d.who}
              </Text>
              <SegmentedControl
                role="radiogroup"
                aria-labelledby="desk-who"
                value={who}
                onChange={(v) => update({ wie: v === 'all' ? null : v })}
                data={[
                  { value: 'all', label: d.whoAll },
                  { value: 'mine', label: d.mine },
                  { value: 'unassigned', label: d.unassigned },
                ]}
              />
            </Stack>
            <NativeSelect
              label={d.sort}
              value={sort}
              onChange={(e) =>
                update({ sorteer: e.currentTarget.value === 'waiting' ? 'wachtend' : null })
              }
              data={[
                { value: 'urgent', label: d.sortUrgent },
                { value: 'waiting', label: d.sortWaiting },
              ]}
              w={200}
            />
            {filtered && (
              <Button variant="subtle" onClick={clear}>
                {d.clear}
              </Button>
            )}
          </Group>
        </Stack>
      </Paper>

      <QueryState isPending={list.isPending} error={list.error}>
        {items.length === 0 ? (
          <Empty
            title={filtered ? d.emptyFilteredTitle : d.emptyTitle}
            text={filtered ? d.emptyFiltered : d.empty}
            action={
              filtered ? (
                <Button variant="default" onClick={clear}>
                  {d.clear}
                </Button>
              ) : me.role === 'advisor' ? (
                <Button component={Link} to="/instromers" variant="default">
                  {d.toMovers}
                </Button>
              ) : null
            }
          />
        ) : (
          <Paper withBorder>
            <Table.ScrollContainer minWidth={880}>
              <Table highlightOnHover verticalSpacing="sm">
                <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }} px="md" pt="sm">
                  {d.caption(total)}
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{d.col.pupil}</Table.Th>
                    <Table.Th scope="col">{d.col.wanted}</Table.Th>
                    <Table.Th scope="col">{d.col.from}</Table.Th>
                    <Table.Th scope="col" className="num">
                      {d.col.waiting}
                    </Table.Th>
                    <Table.Th scope="col">{d.col.advisor}</Table.Th>
                    <Table.Th scope="col">{d.col.status}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((c) => (
                    <Row
                      key={c.id}
                      c={c}
                      mine={c.assignedTo === me.id}
                      onOpen={() => navigate(`/bemiddeling/${c.id}`)}
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

function Row({ c, mine, onOpen }: { c: CaseView; mine: boolean; onOpen: () => void }) {
  const a = t.advisor;
  const name = `${c.pupil.firstName} ${c.pupil.lastName}`;
  return (
    // The name is the link (keyboard, screen readers); a click anywhere on the row opens it too.
    <Table.Tr onClick={onOpen} style={{ cursor: 'pointer' }}>
      <Table.Th scope="row">
        <Anchor
          component={Link}
          to={`/bemiddeling/${c.id}`}
          onClick={(e) => e.stopPropagation()}
          fw={600}
        >
          {name}
        </Anchor>
      </Table.Th>
      <Table.Td>
        {gradeLevel(
          c.requestedGrade,
          t.levels[c.requestedLevel] ?? c.requestedLevel,
          c.requestedProfile,
        )}
      </Table.Td>
      <Table.Td>
        {c.sendingSchool ? (
          c.sendingSchool.name
        ) : (
          <Badge variant="outline" color="blue" radius="sm" tt="none" fw={600}>
            {a.instromer}
          </Badge>
        )}
      </Table.Td>
      <Table.Td className="num" style={{ whiteSpace: 'nowrap' }}>
        {a.days(c.daysWaiting)}
      </Table.Td>
      <Table.Td>
        {c.assignedToName ? (
          <Text size="sm" fw={mine ? 600 : undefined}>
            {mine ? t.advisor.desk.you(c.assignedToName) : c.assignedToName}
          </Text>
        ) : (
          <Text size="sm" c="dimmed" fs="italic">
            {a.unassigned}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Stack gap={4} align="flex-start">
          <CaseStatusBadge c={c} />
          <ListExtendedBadge c={c} />
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

function Empty({ title, text, action }: { title: string; text: string; action: ReactNode }) {
  return (
    <Paper withBorder p="xl">
      <Stack align="center" gap="sm" maw={560} mx="auto" ta="center">
        <IconUsers size={40} aria-hidden color="var(--mantine-color-blue-7)" />
        <Title order={2} size="h4">
          {title}
        </Title>
        <Text size="sm">{text}</Text>
        {action}
      </Stack>
    </Paper>
  );
}
