/**
 * The calendar of one season: name, entry window, round dates, answer window, summer holiday and
 * end. Beside the form, the school days between the steps as they are chosen (counted by the API,
 * as everywhere in the service), and a warning when a round date is not a school day.
 */
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Fieldset,
  Group,
  Loader,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { PageHeader } from '../../components/ui';
import { formatDate, t } from '../../messages';
import {
  fetchSchoolDays,
  fieldMessages,
  focusFirstError,
  formError,
  isDate,
  keys,
  readableErrors,
  shiftDate,
  type SeasonView,
} from './api';

const m = t.office.seasons;

interface Form {
  name: string;
  entryOpens: string;
  entryCloses: string;
  roundDates: string[];
  responseSchoolDays: number | '';
  summerHolidayStart: string;
  endsOn: string;
}
type Field = keyof Form;
const LABELS: Record<Field, string> = {
  name: m.nameLabel,
  entryOpens: m.entryOpens,
  entryCloses: m.entryCloses,
  roundDates: m.roundDates,
  responseSchoolDays: m.responseSchoolDays,
  summerHolidayStart: m.summerHolidayStart,
  endsOn: m.endsOn,
};

const empty = (suggestedName: string): Form => ({
  name: suggestedName,
  entryOpens: '',
  entryCloses: '',
  roundDates: [],
  responseSchoolDays: 5,
  summerHolidayStart: '',
  endsOn: '',
});

/** What is wrong, per field, in the words the office reads (mirrors the API's calendar check). */
function validate(f: Form): Partial<Record<Field, string>> {
  const e: Partial<Record<Field, string>> = {};
  const nm = f.name.trim().match(/^(\d{4})-(\d{4})$/);
  if (!nm) e.name = m.nameFormat;
  else if (Number(nm[2]) !== Number(nm[1]) + 1) e.name = m.nameYears;
  for (const k of ['entryOpens', 'entryCloses', 'summerHolidayStart', 'endsOn'] as const)
    if (!isDate(f[k])) e[k] = m.required;
  if (isDate(f.entryOpens) && isDate(f.entryCloses) && f.entryCloses < f.entryOpens)
    e.entryCloses = m.closesBeforeOpens;
  if (
    isDate(f.entryCloses) &&
    isDate(f.summerHolidayStart) &&
    f.entryCloses >= f.summerHolidayStart
  )
    e.entryCloses ??= m.closesBeforeSummer;
  if (isDate(f.summerHolidayStart) && isDate(f.endsOn) && f.endsOn < f.summerHolidayStart)
    e.endsOn = m.summerBeforeEnd;
  const outside = f.roundDates.find(
    (d) => (isDate(f.entryOpens) && d < f.entryOpens) || (isDate(f.endsOn) && d > f.endsOn),
  );
  if (outside) e.roundDates = m.roundOutside(formatDate(outside));
  const w = f.responseSchoolDays;
  if (w === '' || !Number.isInteger(w) || w < 1 || w > 30) e.responseSchoolDays = m.windowRange;
  return e;
}

/** One span of the timeline whose school days are counted (both ends left out). */
interface Gap {
  key: string;
  from: string;
  to: string;
  text: (n: number) => string;
}

export function SeasonEditor({
  season,
  suggestedName,
}: {
  season: SeasonView | null;
  suggestedName: string;
}) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>(() =>
    season
      ? {
          name: season.name,
          entryOpens: season.entryOpens,
          entryCloses: season.entryCloses,
          roundDates: [...season.roundDates].sort(),
          responseSchoolDays: season.responseSchoolDays,
          summerHolidayStart: season.summerHolidayStart,
          endsOn: season.endsOn,
        }
      : empty(suggestedName),
  );
  const [newRound, setNewRound] = useState('');
  const [newRoundError, setNewRoundError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const set = <K extends Field>(k: K, v: Form[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    setTouched((x) => ({ ...x, [k]: true }));
  };

  const save = useMutation({
    mutationFn: async (f: Form) => {
      const body = { ...f, name: f.name.trim(), responseSchoolDays: Number(f.responseSchoolDays) };
      return season
        ? call(api.PATCH('/api/seasons/{id}', { params: { path: { id: season.id } }, body }))
        : call(api.POST('/api/seasons', { body }));
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: keys.seasons });
      await queryClient.invalidateQueries({ queryKey: ['rounds'] });
      notifications.show({
        color: 'green',
        title: m.savedTitle,
        message: season ? m.saved(saved.name) : `${m.saved(saved.name)} ${m.createdHint}`,
      });
      navigate('/seizoenen');
    },
  });

  const local = validate(form);
  const server = fieldMessages(save.error, LABELS, 'name');
  // The local check speaks once a field was changed (or on submit); the API's answer otherwise.
  const shown = (k: Field): string | undefined =>
    ((tried || touched[k]) && local[k]) || server[k] || undefined;
  const generalError = formError(save.error, server);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setTried(true);
    if (Object.keys(local).length) return focusFirstError(e.currentTarget);
    const target = e.currentTarget;
    save.mutate(form, { onError: () => focusFirstError(target) });
  };

  const addRound = () => {
    if (!isDate(newRound)) return setNewRoundError(m.required);
    if (form.roundDates.includes(newRound)) return setNewRoundError(m.roundTwice);
    set('roundDates', [...form.roundDates, newRound].sort());
    setNewRound('');
    setNewRoundError(null);
  };

  // ---- the timeline: spans between the steps, counted by the API
  const rounds = form.roundDates;
  const gaps = useMemo<Gap[]>(() => {
    const out: Gap[] = [];
    const { entryOpens: o, entryCloses: c, summerHolidayStart: s } = form;
    if (isDate(o) && isDate(c) && o <= c)
      out.push({ key: 'entry', from: shiftDate(o, -1), to: shiftDate(c, 1), text: m.gapEntry });
    if (isDate(c) && rounds[0] && c <= rounds[0])
      out.push({ key: 'first', from: c, to: rounds[0], text: m.gapToFirstRound });
    rounds.slice(1).forEach((d, i) =>
      out.push({
        key: `r${i + 1}`,
        from: rounds[i],
        to: d,
        text: (n) => m.gapBetweenRounds(n, i + 1, i + 2),
      }),
    );
    const last = rounds[rounds.length - 1];
    if (last && isDate(s) && last <= s)
      out.push({ key: 'summer', from: last, to: s, text: m.gapToSummer });
    if (!last && isDate(c) && isDate(s) && c <= s)
      out.push({ key: 'summer', from: c, to: s, text: m.gapCloseToSummer });
    return out;
  }, [form, rounds]);

  const gapQ = useQueries({
    queries: gaps.map((g) => ({
      queryKey: keys.schoolDays(g.from, g.to),
      queryFn: () => fetchSchoolDays(g.from, g.to),
      staleTime: Infinity,
    })),
  });
  const gapDays = new Map(gaps.map((g, i) => [g.key, gapQ[i]?.data]));
  const dayQ = useQueries({
    queries: rounds.map((d) => ({
      queryKey: keys.schoolDays(shiftDate(d, -1), shiftDate(d, 1)),
      queryFn: () => fetchSchoolDays(shiftDate(d, -1), shiftDate(d, 1)),
      staleTime: Infinity,
    })),
  });
  const notSchoolDay = new Set(rounds.filter((_, i) => dayQ[i]?.data === 0));

  const gapLine = (key: string) => {
    const g = gaps.find((x) => x.key === key);
    if (!g) return null;
    const n = gapDays.get(key);
    return (
      <Text size="sm" c="dimmed" fs="italic">
        {n === undefined ? m.counting : g.text(n)}
      </Text>
    );
  };
  const answerWindow = Number(form.responseSchoolDays) || 0;
  const warnings: string[] = [];
  rounds.slice(1).forEach((_, i) => {
    const n = gapDays.get(`r${i + 1}`);
    if (n !== undefined && answerWindow > n)
      warnings.push(m.tightRounds(answerWindow, n, i + 1, i + 2));
  });
  const toSummer = gapDays.get('summer');
  if (rounds.length && toSummer !== undefined && answerWindow > toSummer)
    warnings.push(m.tightSummer(answerWindow, toSummer));

  const timelineItems = [
    isDate(form.entryOpens) && {
      key: 'o',
      title: m.entryOpens,
      date: form.entryOpens,
      after: gapLine('entry'),
    },
    isDate(form.entryCloses) && {
      key: 'c',
      title: m.entryCloses,
      date: form.entryCloses,
      after: rounds.length ? gapLine('first') : gapLine('summer'),
    },
    ...rounds.map((d, i) => ({
      key: `round-${d}`,
      title: m.roundN(i + 1),
      date: d,
      after: i < rounds.length - 1 ? gapLine(`r${i + 1}`) : gapLine('summer'),
    })),
    isDate(form.summerHolidayStart) && {
      key: 's',
      title: m.summerHolidayStart,
      date: form.summerHolidayStart,
      after: null,
    },
    isDate(form.endsOn) && { key: 'e', title: m.endsOn, date: form.endsOn, after: null },
  ].filter(Boolean) as { key: string; title: string; date: string; after: ReactNode }[];

  const title = season ? m.editTitle(season.name) : m.newTitle;

  return (
    <>
      <PageHeader
        title={title}
        intro={m.editIntro}
        actions={
          <Anchor component={Link} to="/seizoenen" size="sm">
            {m.backToList}
          </Anchor>
        }
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Paper withBorder p="lg">
          <form onSubmit={submit} noValidate aria-label={title} style={readableErrors}>
            <Stack gap="md">
              {generalError && (
                <Alert color="red" role="alert" variant="light">
                  {generalError}
                </Alert>
              )}
              <TextInput
                label={m.nameLabel}
                description={m.nameHint}
                required
                value={form.name}
                onChange={(e) => set('name', e.currentTarget.value)}
                error={shown('name')}
                w={220}
                maxLength={9}
              />
              <Group grow align="flex-start">
                <TextInput
                  type="date"
                  label={m.entryOpens}
                  description={m.entryOpensHint}
                  required
                  value={form.entryOpens}
                  onChange={(e) => set('entryOpens', e.currentTarget.value)}
                  error={shown('entryOpens')}
                />
                <TextInput
                  type="date"
                  label={m.entryCloses}
                  description={m.entryClosesHint}
                  required
                  value={form.entryCloses}
                  onChange={(e) => set('entryCloses', e.currentTarget.value)}
                  error={shown('entryCloses')}
                />
              </Group>

              <Fieldset
                legend={
                  <Text component="span" fw={600} size="sm">
                    {m.roundDates}
                  </Text>
                }
                variant="unstyled"
              >
                <Text size="xs" c="dimmed" mb="xs">
                  {m.roundDatesHint}
                </Text>
                {rounds.length ? (
                  <Stack gap={6} mb="sm" role="list" aria-label={m.roundDatesCaption}>
                    {rounds.map((d, i) => (
                      <Group key={d} gap="sm" role="listitem" wrap="nowrap">
                        <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                          {m.roundN(i + 1)}
                        </Text>
                        <Text size="sm" fw={500} miw={120} style={{ whiteSpace: 'nowrap' }}>
                          {formatDate(d)}
                        </Text>
                        {notSchoolDay.has(d) && (
                          <Badge
                            styles={{ label: { overflow: 'visible' } }}
                            color="orange"
                            variant="light"
                            tt="none"
                            c="dark.8"
                            style={{ flexShrink: 0 }}
                            leftSection={<IconAlertTriangle size={12} aria-hidden />}
                          >
                            {m.notSchoolDay}
                          </Badge>
                        )}
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={m.removeRound(formatDate(d))}
                          title={m.removeRound(formatDate(d))}
                          onClick={() =>
                            set(
                              'roundDates',
                              rounds.filter((x) => x !== d),
                            )
                          }
                        >
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      </Group>
                    ))}
                  </Stack>
                ) : (
                  <Text size="sm" mb="sm">
                    {m.noRoundDates}
                  </Text>
                )}
                <Group align="flex-end" gap="sm">
                  <TextInput
                    type="date"
                    label={m.addRoundDate}
                    value={newRound}
                    onChange={(e) => {
                      setNewRound(e.currentTarget.value);
                      setNewRoundError(null);
                    }}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') {
                        e.preventDefault();
                        addRound();
                      }
                    }}
                    error={newRoundError ?? undefined}
                  />
                  <Button
                    variant="light"
                    leftSection={<IconPlus size={16} aria-hidden />}
                    onClick={addRound}
                    mb={newRoundError ? 22 : 0}
                  >
                    {m.addRound}
                  </Button>
                </Group>
                {shown('roundDates') && (
                  <Text size="sm" c="red.8" mt="xs" role="alert">
                    {shown('roundDates')}
                  </Text>
                )}
              </Fieldset>

              <NumberInput
                label={m.responseSchoolDays}
                description={m.responseSchoolDaysHint}
                required
                min={1}
                max={30}
                allowDecimal={false}
                value={form.responseSchoolDays}
                onChange={(v) => set('responseSchoolDays', typeof v === 'number' ? v : '')}
                error={shown('responseSchoolDays')}
                rightSection={
                  <Text size="xs" c="dimmed" pr={28}>
                    {t.office.schoolDays(answerWindow).replace(/^\d+ /, '')}
                  </Text>
                }
                rightSectionWidth={110}
                w={300}
              />
              <Group grow align="flex-start">
                <TextInput
                  type="date"
                  label={m.summerHolidayStart}
                  description={m.summerHolidayStartHint}
                  required
                  value={form.summerHolidayStart}
                  onChange={(e) => set('summerHolidayStart', e.currentTarget.value)}
                  error={shown('summerHolidayStart')}
                />
                <TextInput
                  type="date"
                  label={m.endsOn}
                  description={m.endsOnHint}
                  required
                  value={form.endsOn}
                  onChange={(e) => set('endsOn', e.currentTarget.value)}
                  error={shown('endsOn')}
                />
              </Group>
              <Group>
                <Button type="submit" loading={save.isPending}>
                  {m.save}
                </Button>
                <Button variant="default" component={Link} to="/seizoenen">
                  {m.cancel}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>

        <Paper
          withBorder
          p="lg"
          component="section"
          aria-labelledby="season-timeline"
          style={{ position: 'sticky', top: 80, alignSelf: 'start' }}
        >
          <Title order={2} size="h4" id="season-timeline">
            {m.timeline}
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            {m.timelineIntro}
          </Text>
          {timelineItems.length ? (
            <Timeline bulletSize={14} lineWidth={2} active={-1} aria-live="polite">
              {timelineItems.map((it) => (
                <Timeline.Item
                  key={it.key}
                  title={
                    <Text size="sm" fw={600}>
                      {it.title}
                    </Text>
                  }
                >
                  <Text size="sm">{formatDate(it.date)}</Text>
                  {it.after}
                </Timeline.Item>
              ))}
            </Timeline>
          ) : (
            <Text size="sm">{m.timelineEmpty}</Text>
          )}
          {gapQ.some((q) => q.isFetching) && (
            <Text size="xs" c="dimmed" mt="sm" role="status">
              <Loader size="xs" aria-hidden /> {m.counting}
            </Text>
          )}
          {warnings.map((w) => (
            <Alert
              key={w}
              color="orange"
              variant="light"
              mt="md"
              icon={<IconAlertTriangle aria-hidden />}
            >
              {w}
            </Alert>
          ))}
        </Paper>
      </SimpleGrid>
    </>
  );
}
