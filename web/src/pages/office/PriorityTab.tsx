/**
 * Beheer → Voorrang: the region's priority classes (src/regions/region.entity.ts) as the engine
 * uses them (src/rounds/engine-input.ts): per reason for switching, and for a school of the
 * pupil's own board; lower = stronger, the strongest that applies counts, then the lottery.
 */
import {
  Alert,
  Button,
  Group,
  List,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, call } from '../../api/client';
import { QueryState } from '../../components/ui';
import { t } from '../../messages';
import { fieldMessages, formError, keys, readableErrors, type PriorityRulesView } from './api';

const m = t.office.admin.priority;
const MAX_CLASS = 9;
type Key = 'verhuizing' | 'afstroom' | 'opstroom' | 'anders' | 'sameBoard';
type Values = Record<Key, number | null>;

const OPTIONS = [
  { value: '', label: m.none },
  ...Array.from({ length: MAX_CLASS }, (_, i) => ({ value: String(i + 1), label: m.cls(i + 1) })),
];

const fromView = (v: PriorityRulesView): Values => ({
  verhuizing: v.reasons.verhuizing ?? null,
  afstroom: v.reasons.afstroom ?? null,
  opstroom: v.reasons.opstroom ?? null,
  anders: v.reasons.anders ?? null,
  sameBoard: v.sameBoard ?? null,
});

export function PriorityTab() {
  const q = useQuery({
    queryKey: keys.priorityRules,
    queryFn: () => call(api.GET('/api/regions/current/priority-rules')),
  });
  return (
    <QueryState isPending={q.isPending} error={q.error}>
      {q.data && <PriorityForm key={JSON.stringify(q.data)} view={q.data} />}
    </QueryState>
  );
}

function PriorityForm({ view }: { view: PriorityRulesView }) {
  const queryClient = useQueryClient();
  const initial = fromView(view);
  const [values, setValues] = useState<Values>(initial);
  const changed = (Object.keys(values) as Key[]).some((k) => values[k] !== initial[k]);

  const save = useMutation({
    mutationFn: () =>
      call(
        api.PUT('/api/regions/current/priority-rules', {
          body: {
            reasons: {
              verhuizing: values.verhuizing,
              afstroom: values.afstroom,
              opstroom: values.opstroom,
              anders: values.anders,
            },
            sameBoard: values.sameBoard,
          },
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.priorityRules, saved);
      notifications.show({ color: 'green', message: m.saved });
    },
  });
  const errors = fieldMessages(save.error, { reasons: m.classLabel, sameBoard: m.classLabel });
  const general = formError(save.error, errors);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  // The order the next round will use, from the chosen classes.
  const byClass = new Map<number, string[]>();
  for (const r of m.rules) {
    const c = values[r.key as Key];
    if (c !== null) byClass.set(c, [...(byClass.get(c) ?? []), r.title.toLowerCase()]);
  }
  const classes = [...byClass.keys()].sort((a, b) => a - b);

  return (
    <form onSubmit={submit} noValidate aria-labelledby="priority-title" style={readableErrors}>
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} size="h4" id="priority-title">
            {m.title}
          </Title>
          <Text size="sm" maw={800}>
            {m.intro}
          </Text>
          <Text size="sm" c="dimmed" maw={800}>
            {m.nextRound}
          </Text>
        </Stack>
        {general && (
          <Alert color="red" variant="light" role="alert">
            {general}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <Stack gap="sm">
            {m.rules.map((r) => {
              const key = r.key as Key;
              return (
                <Paper key={key} withBorder p="md">
                  <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
                    <Stack gap={2} style={{ flex: 1 }}>
                      <Text fw={600} size="sm" id={`rule-${key}`}>
                        {r.title}
                      </Text>
                      <Text size="sm" c="dimmed" id={`rule-${key}-text`}>
                        {r.text}
                      </Text>
                    </Stack>
                    <Select
                      label={
                        <>
                          {m.classLabel}
                          <VisuallyHidden> {r.title}</VisuallyHidden>
                        </>
                      }
                      aria-describedby={`rule-${key}-text`}
                      data={OPTIONS}
                      value={values[key] === null ? '' : String(values[key])}
                      onChange={(v) => setValues((x) => ({ ...x, [key]: v ? Number(v) : null }))}
                      allowDeselect={false}
                      w={190}
                      error={key === 'sameBoard' ? errors.sameBoard : errors.reasons}
                      styles={{ label: { whiteSpace: 'nowrap' } }}
                    />
                  </Group>
                </Paper>
              );
            })}
          </Stack>
          <Paper
            withBorder
            p="md"
            bg="gray.0"
            style={{ position: 'sticky', top: 80, alignSelf: 'start' }}
            component="section"
            aria-labelledby="priority-preview"
          >
            <Title order={3} size="h5" id="priority-preview" mb="xs">
              {m.preview}
            </Title>
            {classes.length ? (
              <List type="ordered" size="sm" spacing={4}>
                {classes.map((c) => (
                  <List.Item key={c}>
                    {m.previewClass(c, (byClass.get(c) ?? []).join(', '))}
                  </List.Item>
                ))}
                <List.Item>{m.previewRest}</List.Item>
              </List>
            ) : (
              <Text size="sm">{m.previewOnlyLottery}</Text>
            )}
            <Text size="xs" c="dimmed" mt="md">
              {m.current}: {view.text.join(' · ')}
            </Text>
          </Paper>
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {m.save}
          </Button>
          {changed && (
            <>
              <Button variant="default" onClick={() => setValues(initial)}>
                {m.reset}
              </Button>
              <Text size="sm" c="orange.9" role="status">
                {m.unsaved}
              </Text>
            </>
          )}
        </Group>
      </Stack>
    </form>
  );
}
