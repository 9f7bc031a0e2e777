/** Beheer → Scholen: the region's school locations; create and edit (name, BRIN, board, postcode, niveaus). */
import {
  Alert,
  Autocomplete,
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, call } from '../../api/client';
import { Pager, QueryState } from '../../components/ui';
import { t } from '../../messages';
import { LEVELS, type Level } from '../offers/levels';
import { fieldMessages, formError, keys, useAllSchools, type SchoolView } from './api';
import { EditForm } from './EditForm';

const m = t.office.admin.schools;
const LIMIT = 25;
const LABELS = {
  name: m.name,
  brin: m.brin,
  board: m.board,
  postcode: m.postcode,
  levels: m.levels,
};
const levelLabel = (l: string) => (t.levels[l] && t.levels[l] !== l ? `${l} (${t.levels[l]})` : l);
const districtLabel = (d: string) => d.charAt(0).toUpperCase() + d.slice(1);

export function SchoolsTab() {
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<SchoolView | 'new' | null>(null);

  const list = useQuery({
    queryKey: [...keys.schools, 'list', q, page],
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(
        api.GET('/api/schools', {
          params: { query: { q: q || undefined, page, limit: LIMIT } },
        }),
      ),
  });
  const rows = list.data?.items ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <TextInput
          label={m.search}
          placeholder={m.searchPlaceholder}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setPage(1);
          }}
          type="search"
          w={320}
        />
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
          {m.create}
        </Button>
      </Group>
      <QueryState isPending={list.isPending} error={list.error}>
        {!rows.length ? (
          <Alert color="blue" variant="light">
            {q ? m.noMatch : m.empty}
          </Alert>
        ) : (
          <>
            <Table.ScrollContainer minWidth={900}>
              <Table striped highlightOnHover verticalSpacing="xs">
                <Table.Caption>{m.caption}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{m.name}</Table.Th>
                    <Table.Th scope="col">{m.brin}</Table.Th>
                    <Table.Th scope="col">{m.board}</Table.Th>
                    <Table.Th scope="col">{m.postcode}</Table.Th>
                    <Table.Th scope="col">{m.district}</Table.Th>
                    <Table.Th scope="col">{m.levels}</Table.Th>
                    <Table.Th scope="col">
                      <VisuallyHidden>{m.actions}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Th scope="row" fw={500}>
                        {s.name}
                      </Table.Th>
                      <Table.Td>{s.brin}</Table.Td>
                      <Table.Td>{s.board}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{s.postcode}</Table.Td>
                      <Table.Td>{districtLabel(s.district)}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {s.levels.map((l) => (
                            <Badge
                              styles={{ label: { overflow: 'visible' } }}
                              key={l}
                              variant="light"
                              color="gray"
                              tt="none"
                              c="dark.8"
                            >
                              {l}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => setEditing(s)}
                          aria-label={m.editLabel(s.name)}
                        >
                          {m.edit}
                        </Button>
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
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' || !editing ? m.newTitle : m.editTitle(editing.name)}
        size="lg"
      >
        {editing && (
          <SchoolForm
            key={editing === 'new' ? 'new' : editing.id}
            school={editing === 'new' ? null : editing}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}

function SchoolForm({ school, onDone }: { school: SchoolView | null; onDone: () => void }) {
  const queryClient = useQueryClient();
  const all = useAllSchools();
  const boards = [...new Set((all.data ?? []).map((s) => s.board))].sort((a, b) =>
    a.localeCompare(b, 'nl'),
  );
  const [name, setName] = useState(school?.name ?? '');
  const [brin, setBrin] = useState(school?.brin ?? '');
  const [board, setBoard] = useState(school?.board ?? '');
  const [postcode, setPostcode] = useState(school?.postcode ?? '');
  const [levels, setLevels] = useState<string[]>(school?.levels ?? []);
  const [tried, setTried] = useState(false);

  const save = useMutation({
    mutationFn: () => {
      const body = {
        name: name.trim(),
        brin: brin.trim().toUpperCase(),
        board: board.trim(),
        postcode: postcode.trim().toUpperCase(),
        levels: levels as Level[],
      };
      return school
        ? call(api.PATCH('/api/schools/{id}', { params: { path: { id: school.id } }, body }))
        : call(api.POST('/api/schools', { body }));
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: keys.schools });
      notifications.show({ color: 'green', message: m.saved(saved.name) });
      onDone();
    },
  });
  const serverErrors = fieldMessages(save.error, LABELS, 'brin');
  const errors: Record<string, string | undefined> = {
    ...serverErrors,
    levels: serverErrors.levels ?? (tried && !levels.length ? m.levelsRequired : undefined),
  };
  const general = formError(save.error, serverErrors);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!levels.length) return;
    save.mutate();
  };

  return (
    <EditForm onSubmit={submit} onCancel={onDone} general={general} saving={save.isPending}>
      <TextInput
        label={m.name}
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={errors.name}
        data-autofocus
      />
      <Group grow align="flex-start">
        <TextInput
          label={m.brin}
          description={m.brinHint}
          required
          value={brin}
          onChange={(e) => setBrin(e.currentTarget.value)}
          error={errors.brin}
          maxLength={6}
        />
        <TextInput
          label={m.postcode}
          description={m.postcodeHint}
          required
          value={postcode}
          onChange={(e) => setPostcode(e.currentTarget.value)}
          error={errors.postcode}
          maxLength={7}
        />
      </Group>
      <Autocomplete
        label={m.board}
        description={m.boardHint}
        required
        data={boards}
        value={board}
        onChange={setBoard}
        error={errors.board}
      />
      <MultiSelect
        label={m.levels}
        description={m.levelsHint}
        placeholder={levels.length ? undefined : m.levelsPlaceholder}
        required
        data={LEVELS.map((l) => ({ value: l, label: levelLabel(l) }))}
        value={levels}
        onChange={setLevels}
        error={errors.levels}
        clearable
        hidePickedOptions
      />
      {school && (
        <Text size="xs" c="dimmed">
          {m.district}: {districtLabel(school.district)}
        </Text>
      )}
    </EditForm>
  );
}
