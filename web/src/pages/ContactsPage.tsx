/**
 * /contacten: every school of the region with its overstapcoördinatoren, to call or e-mail when
 * looking for a place. Public to everyone of the region (DOMAIN.md: "every school's coordinator
 * contact").
 */
import {
  Alert,
  Anchor,
  Badge,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconInfoCircle, IconMail, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api, call, type Schemas } from '../api/client';
import { useWorkspace } from '../auth/workspace';
import { PageHeader, QueryState } from '../components/ui';
import { t } from '../messages';

const tc = t.pages.contacts;

type Entry = Schemas['DirectoryEntry'] & {
  // TODO(types): the directory does not carry these (yet); the board comes from /api/schools.
  board?: string;
  phone?: string | null;
};

/** The directory, with each school's board (bestuur) from the schools list. */
async function loadDirectory(): Promise<Entry[]> {
  const [directory, boards] = await Promise.all([
    (async () => {
      const all: Schemas['DirectoryEntry'][] = [];
      for (let page = 1; page <= 20; page++) {
        const r = await call(
          api.GET('/api/schools/directory', { params: { query: { page, limit: 200 } } }),
        );
        all.push(...r.items);
        if (all.length >= r.total || r.items.length === 0) break;
      }
      return all;
    })(),
    (async () => {
      const byId = new Map<string, string>();
      for (let page = 1; page <= 20; page++) {
        const r = await call(api.GET('/api/schools', { params: { query: { page, limit: 200 } } }));
        for (const s of r.items) byId.set(s.id, s.board);
        if (byId.size >= r.total || r.items.length === 0) break;
      }
      return byId;
    })(),
  ]);
  return (directory as Entry[]).map((e) => ({ ...e, board: e.board ?? boards.get(e.schoolId) }));
}

const norm = (s: string) =>
  s
    .toLocaleLowerCase('nl')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

export default function ContactsPage() {
  const ws = useWorkspace();
  const [search, setSearch] = useState('');
  const [district, setDistrict] = useState<string | null>(null);
  const q = useQuery({
    queryKey: ['schools', 'directory'],
    queryFn: loadDirectory,
    staleTime: 5 * 60_000,
  });
  const mine = new Set(ws.schools.map((s) => s.id));

  const districts = useMemo(
    () =>
      [...new Set((q.data ?? []).map((e) => e.district))].sort((a, b) => a.localeCompare(b, 'nl')),
    [q.data],
  );
  const rows = useMemo(() => {
    const words = norm(search).split(/\s+/).filter(Boolean);
    return (q.data ?? []).filter((e) => {
      if (district && e.district !== district) return false;
      if (!words.length) return true;
      const hay = norm(
        [e.name, e.brin, e.board ?? '', ...e.coordinators.flatMap((c) => [c.name, c.email])].join(
          ' ',
        ),
      );
      return words.every((w) => hay.includes(w));
    });
  }, [q.data, search, district]);
  const hasPhone = rows.some((e) => e.phone);

  return (
    <>
      <PageHeader title={tc.title} intro={tc.intro} />
      <Group mb="md" align="flex-end" gap="md" wrap="wrap">
        <TextInput
          label={tc.search}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          leftSection={<IconSearch size={16} aria-hidden />}
          w={{ base: '100%', sm: 340 }}
          type="search"
        />
        <Select
          label={tc.district}
          placeholder={tc.allDistricts}
          data={districts}
          value={district}
          onChange={setDistrict}
          clearable
          w={{ base: '100%', sm: 220 }}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
      <QueryState isPending={q.isPending} error={q.error}>
        {q.data && q.data.length === 0 ? (
          <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
            {tc.emptyRegion}
          </Alert>
        ) : (
          <Paper withBorder radius="md" px="md" pt="xs" pb="xs">
            <Table.ScrollContainer minWidth={860}>
              <Table striped highlightOnHover verticalSpacing="sm" captionSide="top">
                <Table.Caption style={{ textAlign: 'left' }} aria-live="polite">
                  {tc.caption(rows.length, q.data?.length ?? 0)}
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{tc.school}</Table.Th>
                    <Table.Th scope="col">{tc.brin}</Table.Th>
                    <Table.Th scope="col">{tc.district}</Table.Th>
                    <Table.Th scope="col">{tc.board}</Table.Th>
                    <Table.Th scope="col">{tc.coordinators}</Table.Th>
                    {hasPhone && <Table.Th scope="col">{tc.phone}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.length === 0 && (
                    <Table.Tr>
                      <Table.Td colSpan={hasPhone ? 6 : 5}>
                        <Text size="sm" py="md">
                          {tc.empty}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  )}
                  {rows.map((e) => (
                    <Table.Tr key={e.schoolId}>
                      <Table.Th scope="row" fw={600}>
                        <Group gap={6}>
                          {e.name}
                          {mine.has(e.schoolId) && (
                            <Badge size="xs" variant="light" c="dark.8" tt="none">
                              {tc.own}
                            </Badge>
                          )}
                        </Group>
                      </Table.Th>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{e.brin}</Table.Td>
                      <Table.Td>{e.district}</Table.Td>
                      <Table.Td>{e.board ?? '—'}</Table.Td>
                      <Table.Td>
                        {e.coordinators.length === 0 ? (
                          <Text size="sm" c="dimmed">
                            {tc.noCoordinator}
                          </Text>
                        ) : (
                          <Stack gap={6}>
                            {e.coordinators.map((c) => (
                              <div key={c.email}>
                                <Text size="sm">{c.name}</Text>
                                <Anchor href={`mailto:${c.email}`} size="sm">
                                  <Group gap={4} component="span" wrap="nowrap">
                                    <IconMail size={14} aria-hidden />
                                    {c.email}
                                  </Group>
                                </Anchor>
                              </div>
                            ))}
                          </Stack>
                        )}
                      </Table.Td>
                      {hasPhone && (
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          {e.phone ? (
                            <Anchor href={`tel:${e.phone.replace(/\s/g, '')}`}>{e.phone}</Anchor>
                          ) : (
                            '—'
                          )}
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </QueryState>
    </>
  );
}
