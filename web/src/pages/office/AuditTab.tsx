/**
 * Beheer → Auditlog: every read and change, filtered by who, pupil, action and period, paged,
 * and the same selection as a CSV download.
 */
import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFilterOff } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call, download } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { gradeLevel, Pager, QueryState } from '../../components/ui';
import { t } from '../../messages';
import { isDate, keys, todayIso } from './api';

const auditTime = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: 'Europe/Amsterdam',
});
/** An action in Dutch: its own label, else its kind's ("Bemiddeling: place"), else as stored. */
function actionLabel(action: string): string {
  if (m.actionLabels[action]) return m.actionLabels[action];
  const prefix = Object.keys(m.actionPrefixes).find((p) => action.startsWith(p));
  return prefix ? `${m.actionPrefixes[prefix]}: ${action.slice(prefix.length)}` : action;
}

/** To the second: the log's entries often share a minute. */
const formatAuditTime = (at: string) => auditTime.format(new Date(at));

const m = t.office.admin.audit;
const LIMIT = 50;

interface Filters {
  userId: string | null;
  requestId: string | null;
  action: string | null;
  from: string;
  to: string;
}
const NONE: Filters = { userId: null, requestId: null, action: null, from: '', to: '' };

/** The filters as the API's query (the list and the CSV take the same). */
function query(f: Filters) {
  return {
    userId: f.userId ?? undefined,
    requestId: f.requestId ?? undefined,
    action: f.action ?? undefined,
    from: isDate(f.from) ? f.from : undefined,
    to: isDate(f.to) ? f.to : undefined,
  };
}

export function AuditTab() {
  const [filters, setFilters] = useState<Filters>(NONE);
  const [page, setPage] = useState(1);
  const [downloading, setDownloading] = useState(false);
  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => {
    setFilters((f) => ({ ...f, [k]: v }));
    setPage(1);
  };
  const active = JSON.stringify(filters) !== JSON.stringify(NONE);

  const users = useQuery({
    queryKey: [...keys.users, 'all'],
    staleTime: 5 * 60_000,
    queryFn: () => call(api.GET('/api/users', { params: { query: { limit: 200 } } })),
  });

  const list = useQuery({
    queryKey: [...keys.audit, filters, page],
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(api.GET('/api/audit', { params: { query: { ...query(filters), page, limit: LIMIT } } })),
  });
  const rows = list.data?.items ?? [];

  const csv = async () => {
    setDownloading(true);
    try {
      const qs = new URLSearchParams(
        Object.entries(query(filters)).filter((e): e is [string, string] => !!e[1]),
      );
      await download(`/api/audit.csv${qs.size ? `?${qs}` : ''}`, m.file(todayIso()));
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(err) });
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" maw={800}>
        {m.intro}
      </Text>
      <Paper withBorder p="md" component="section" aria-label={m.filters}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm">
          <Select
            label={m.who}
            placeholder={m.whoAll}
            data={(users.data?.items ?? []).map((u) => ({
              value: u.id,
              label: `${u.name} (${t.roles[u.role] ?? u.role})`,
            }))}
            value={filters.userId}
            onChange={(v) => set('userId', v)}
            searchable
            clearable
            nothingFoundMessage={t.none}
          />
          <PupilPicker value={filters.requestId} onChange={(v) => set('requestId', v)} />
          <Select
            label={m.action}
            placeholder={m.actionAll}
            data={m.actions}
            value={filters.action}
            onChange={(v) => set('action', v)}
            clearable
          />
          <TextInput
            type="date"
            label={m.from}
            value={filters.from}
            onChange={(e) => set('from', e.currentTarget.value)}
            max={filters.to || undefined}
          />
          <TextInput
            type="date"
            label={m.to}
            value={filters.to}
            onChange={(e) => set('to', e.currentTarget.value)}
            min={filters.from || undefined}
          />
        </SimpleGrid>
        <Group justify="space-between" mt="sm">
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconFilterOff size={14} aria-hidden />}
            onClick={() => {
              setFilters(NONE);
              setPage(1);
            }}
            disabled={!active}
          >
            {m.clear}
          </Button>
          <Button
            variant="light"
            leftSection={<IconDownload size={16} aria-hidden />}
            onClick={() => void csv()}
            loading={downloading}
          >
            {m.download}
          </Button>
        </Group>
      </Paper>

      <QueryState isPending={list.isPending} error={list.error}>
        {!rows.length ? (
          <Alert color="blue" variant="light">
            {m.empty}
          </Alert>
        ) : (
          <>
            <Table.ScrollContainer minWidth={900}>
              <Table striped verticalSpacing={6}>
                <Table.Caption>{m.caption}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{m.at}</Table.Th>
                    <Table.Th scope="col">{m.who}</Table.Th>
                    <Table.Th scope="col">{m.school}</Table.Th>
                    <Table.Th scope="col">{m.what}</Table.Th>
                    <Table.Th scope="col">{m.subject}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Th scope="row" fw={400} style={{ whiteSpace: 'nowrap' }}>
                        {formatAuditTime(a.at)}
                      </Table.Th>
                      <Table.Td>
                        <Text size="sm">{a.userName ?? m.system}</Text>
                        <Text size="xs" c="dimmed">
                          {a.roleLabel}
                        </Text>
                      </Table.Td>
                      <Table.Td>{a.schoolName ?? '—'}</Table.Td>
                      <Table.Td>{actionLabel(a.action)}</Table.Td>
                      <Table.Td>
                        {a.entity === 'transfer_request' && a.entityId ? (
                          <Anchor component={Link} to={`/leerlingen/${a.entityId}`} size="sm">
                            {m.openPupil}
                          </Anchor>
                        ) : (
                          (m.entities[a.entity] ?? a.entity)
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Pager page={page} total={list.data?.total ?? 0} limit={LIMIT} onChange={setPage} />
          </>
        )}
      </QueryState>
    </Stack>
  );
}

/** A pupil by name (their transfer request), searched as one types. */
function PupilPicker({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const [q] = useDebouncedValue(search.trim(), 300);
  const enabled = q.length >= 2 && q !== picked?.label;
  const found = useQuery({
    queryKey: ['transfer-requests', 'audit-search', q],
    enabled,
    queryFn: () => call(api.GET('/api/transfer-requests', { params: { query: { q, limit: 10 } } })),
  });
  const options = (found.data?.items ?? []).map((r) => ({
    value: r.id,
    label: `${r.firstName} ${r.lastName} (${gradeLevel(r.requestedGrade, r.requestedLevel)})`,
  }));
  const data =
    picked && !options.some((o) => o.value === picked.value) ? [picked, ...options] : options;

  return (
    <Select
      label={m.pupil}
      placeholder={m.pupilPlaceholder}
      data={data}
      value={value}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      onChange={(v, option) => {
        setPicked(v && option ? { value: v, label: option.label } : null);
        onChange(v);
      }}
      nothingFoundMessage={enabled && !found.isFetching ? t.none : undefined}
    />
  );
}
