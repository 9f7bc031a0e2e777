/**
 * Find a pupil of a completed round by name and read the engine's explanation in plain Dutch:
 * the result, and for every school higher on the pupil's list, why not. Only searched names are
 * fetched (every pupil shown is an audited read). The chosen pupil is in the address (?leerling=).
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { gradeLevel, Pager, QueryState } from '../../components/ui';
import { t } from '../../messages';
import { keys, type RoundExplanation, type RoundPupilRow } from './api';

const m = t.office.round;
const LIMIT = 10;

const OUTCOME_COLOURS: Record<string, string> = {
  LOTTERY: 'orange',
  PRIORITY: 'grape',
  IMPROVEMENT_CYCLE: 'blue',
  NO_SEATS: 'gray',
  NO_OFFER: 'gray',
  DECLINED_BEFORE: 'red',
  INCONSISTENT: 'red',
};

export function PupilExplanation({ roundId }: { roundId: string }) {
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text.trim(), 300);
  const [page, setPage] = useState(1);
  const chosen = params.get('leerling');
  const enabled = debounced.length >= 2;

  const pupils = useQuery({
    queryKey: keys.roundPupils(roundId, debounced, page),
    enabled,
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(
        api.GET('/api/rounds/{id}/pupils', {
          params: { path: { id: roundId }, query: { q: debounced, page, limit: LIMIT } },
        }),
      ),
  });

  const choose = (requestId: string | null) => {
    const next = new URLSearchParams(params);
    if (requestId) next.set('leerling', requestId);
    else next.delete('leerling');
    setParams(next, { replace: true });
  };

  const rows = (pupils.data?.items ?? []) as RoundPupilRow[];

  return (
    <section aria-labelledby="explain-title">
      <Title order={2} size="h4" id="explain-title">
        {m.explain}
      </Title>
      <Text size="sm" c="dimmed" mb="sm" maw={760}>
        {m.explainIntro}
      </Text>
      <TextInput
        label={m.search}
        placeholder={m.searchPlaceholder}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setPage(1);
        }}
        w={360}
        type="search"
        autoComplete="off"
        mb="sm"
      />
      {!enabled ? (
        <Text size="sm" c="dimmed">
          {m.typeToSearch}
        </Text>
      ) : (
        <QueryState isPending={pupils.isPending} error={pupils.error}>
          {!rows.length ? (
            <Alert color="yellow" variant="light" role="status">
              {m.noMatch(debounced)}
            </Alert>
          ) : (
            <>
              <Table.ScrollContainer minWidth={760}>
                <Table striped highlightOnHover verticalSpacing={6}>
                  <Table.Caption>{m.searchCaption}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{m.pupil}</Table.Th>
                      <Table.Th scope="col">{m.asks}</Table.Th>
                      <Table.Th scope="col">{m.from}</Table.Th>
                      <Table.Th scope="col">{m.outcome}</Table.Th>
                      <Table.Th scope="col">
                        <VisuallyHidden>{m.why}</VisuallyHidden>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rows.map((r) => {
                      const name = `${r.firstName} ${r.lastName}`;
                      const active = chosen === r.requestId;
                      return (
                        <Table.Tr key={r.requestId} aria-current={active ? 'true' : undefined}>
                          <Table.Th scope="row" fw={500}>
                            <Anchor
                              component="button"
                              type="button"
                              size="sm"
                              fw={500}
                              onClick={() => choose(r.requestId)}
                            >
                              {name}
                            </Anchor>
                          </Table.Th>
                          <Table.Td>{gradeLevel(r.requestedGrade, r.requestedLevel)}</Table.Td>
                          <Table.Td>{r.sendingSchoolName ?? m.mover}</Table.Td>
                          <Table.Td>
                            {r.placed && r.schoolName
                              ? m.placedAt(r.schoolName, r.program ?? '', r.choice)
                              : m.noPlace}
                          </Table.Td>
                          <Table.Td>
                            <Button
                              size="xs"
                              variant={active ? 'filled' : 'light'}
                              aria-label={m.whyLabel(name)}
                              aria-pressed={active}
                              onClick={() => choose(r.requestId)}
                            >
                              {m.why}
                            </Button>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Pager page={page} total={pupils.data?.total ?? 0} limit={LIMIT} onChange={setPage} />
            </>
          )}
        </QueryState>
      )}
      {chosen && (
        <Explanation
          key={chosen}
          roundId={roundId}
          requestId={chosen}
          onClose={() => choose(null)}
        />
      )}
    </section>
  );
}

function Explanation({
  roundId,
  requestId,
  onClose,
}: {
  roundId: string;
  requestId: string;
  onClose: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const q = useQuery({
    queryKey: keys.explanation(roundId, requestId),
    queryFn: () =>
      call(
        api.GET('/api/rounds/{id}/explanations/{requestId}', {
          params: { path: { id: roundId, requestId } },
        }),
      ),
  });
  const e = q.data as RoundExplanation | undefined;
  useEffect(() => {
    if (e) {
      heading.current?.focus();
      heading.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
    }
  }, [e]);

  return (
    <Paper withBorder p="lg" mt="md" radius="md" bg="gray.0">
      <QueryState isPending={q.isPending} error={q.error}>
        {e && (
          <Stack gap="sm" aria-live="polite">
            <Group justify="space-between" align="flex-start">
              <Title order={3} size="h5" ref={heading} tabIndex={-1}>
                {m.explanationTitle(`${e.pupil.firstName} ${e.pupil.lastName}`)}
              </Title>
              <Button size="xs" variant="subtle" onClick={onClose}>
                {m.closeExplanation}
              </Button>
            </Group>
            <Text fw={600}>{e.result}</Text>
            <Text size="sm">
              {e.summary.startsWith(`${e.result}. `)
                ? e.summary.slice(e.result.length + 2)
                : e.summary}
            </Text>
            {e.lines.length ? (
              <>
                <Text size="sm" fw={600} mt="xs">
                  {m.higherChoices}
                </Text>
                <Stack gap="xs" component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
                  {e.lines.map((l) => (
                    <Paper component="li" key={`${l.rank}-${l.schoolName}`} withBorder p="sm">
                      <Group gap="xs" mb={4}>
                        <Text size="sm" fw={600}>
                          {m.choice(l.rank)}: {l.schoolName} {l.program}
                        </Text>
                        <Badge
                          styles={{ label: { overflow: 'visible' } }}
                          variant="light"
                          color={OUTCOME_COLOURS[l.outcome] ?? 'gray'}
                          tt="none"
                          c="dark.8"
                        >
                          {m.outcomes[l.outcome] ?? l.outcome}
                        </Badge>
                      </Group>
                      <Text size="sm">{l.text}</Text>
                    </Paper>
                  ))}
                </Stack>
              </>
            ) : (
              e.assigned && <Text size="sm">{m.noHigher}</Text>
            )}
          </Stack>
        )}
      </QueryState>
    </Paper>
  );
}
