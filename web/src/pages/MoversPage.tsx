/**
 * /instromers: entering a pupil who moves into the region (verhuisleerling; no sending school
 * here). The form has the schoolwisselaarsformulier's fields without the sending school; the
 * previous leerjaar and niveau, the justification, the support needs and the preferences are
 * optional. "Instromer aanmelden" saves the form (a draft with the recorded consent), opens a
 * mediation case for it, assigns the case to the advisor and opens the case. Below: the
 * instromers entered most recently this season.
 */
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Grid,
  Group,
  List,
  NativeSelect,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle, IconLock, IconUserPlus } from '@tabler/icons-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../api/client';
import { errorMessage } from '../api/errors';
import { useMe } from '../auth/session';
import { useWorkspace } from '../auth/workspace';
import { gradeLevel, PageHeader, QueryState } from '../components/ui';
import { formatDate, t } from '../messages';
import { invalidateAfterPlacement, type CaseView } from './mediation/api';
import { CaseStatusBadge } from './mediation/parts';
import { useRegionSchools, useSchoolsWithPlaces } from './pupils/api';
import {
  apiErrors,
  CONSENT_BY,
  createBody,
  emptyValues,
  FIELD_ORDER,
  fieldId,
  GRADES,
  LEVELS,
  normalisePostcode,
  SUPPORT_CATEGORIES,
  validate,
  validGradeLevel,
  type Errors,
  type Field,
  type FormValues,
} from './pupils/form';
import { PreferencePicker } from './pupils/PreferencePicker';

/** An instromer moves house: that is the reason; consent is given by the parents who apply. */
const initialValues = (): FormValues => ({
  ...emptyValues(''),
  reason: 'verhuizing',
  consentBy: 'ouders',
});

/** Left empty, the previous leerjaar and niveau are the requested ones. */
function effective(v: FormValues): FormValues {
  return {
    ...v,
    sendingSchoolId: '',
    currentGrade: v.currentGrade || v.requestedGrade,
    currentLevel: v.currentLevel || v.requestedLevel,
  };
}

function check(v: FormValues): Errors {
  const e = validate(effective(v), 'draft');
  if (!v.currentGrade) delete e.currentGrade;
  if (!v.currentLevel) delete e.currentLevel;
  if (!v.consentBy) e.consentBy = t.pupils.v.consent;
  return e;
}

function focusField(f: Field) {
  const el = document.getElementById(fieldId(f));
  const target = el?.matches('input, select, textarea, button')
    ? el
    : el?.querySelector<HTMLElement>('input, select, textarea, button');
  target?.scrollIntoView({ block: 'center' });
  target?.focus();
}

export default function MoversPage() {
  const ws = useWorkspace();
  const m = t.advisor.movers;
  if (!ws.loading && !ws.season)
    return (
      <>
        <PageHeader title={m.title} />
        <Alert color="blue">{m.noSeason}</Alert>
      </>
    );
  return (
    <>
      <PageHeader title={m.title} intro={m.intro} />
      <QueryState isPending={!ws.season} error={null}>
        {ws.season && (
          <Stack gap="xl">
            <MoverForm seasonId={ws.season.id} />
            <RecentMovers seasonId={ws.season.id} />
          </Stack>
        )}
      </QueryState>
    </>
  );
}

interface SavedDraft {
  requestId: string;
  message: string;
}

/** The form was saved as a draft, but the case could not be opened (the alert says why). */
class NotOpened extends Error {}

function MoverForm({ seasonId }: { seasonId: string }) {
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const schools = useRegionSchools();
  const m = t.advisor.movers;
  const p = t.pupils;

  const [values, setValues] = useState<FormValues>(initialValues);
  const [note, setNote] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [partial, setPartial] = useState<SavedDraft | null>(null);

  const canPick = validGradeLevel(values.requestedGrade, values.requestedLevel);
  const [profile] = useDebouncedValue(values.requestedProfile.trim(), 400);
  const offered = useSchoolsWithPlaces(
    seasonId,
    canPick ? Number(values.requestedGrade) : null,
    canPick ? values.requestedLevel : null,
    profile,
  );
  const nameOf = (id: string) =>
    offered.data?.find((s) => s.id === id)?.name ??
    schools.data?.find((s) => s.id === id)?.name ??
    p.thisSchool;

  const errors: Errors = { ...(attempted ? check(values) : {}), ...serverErrors };
  const set = <K extends Field>(field: K, value: FormValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (serverErrors[field]) setServerErrors(({ [field]: _gone, ...rest }) => rest as Errors);
  };

  const create = useMutation({
    mutationFn: async () => {
      const form = await call(
        api.POST('/api/transfer-requests', { body: createBody(effective(values), seasonId) }),
      );
      const name = `${form.firstName} ${form.lastName}`;
      let opened: CaseView;
      try {
        opened = await call(
          api.POST('/api/mediation/cases', {
            body: { requestId: form.id, ...(note.trim() ? { note: note.trim() } : {}) },
          }),
        );
      } catch (err) {
        setPartial({ requestId: form.id, message: `${m.partial(name)} ${errorMessage(err)}` });
        throw new NotOpened();
      }
      if (me.role === 'advisor') {
        // The case exists either way; a failed assignment can be repeated on the case page.
        await call(
          api.POST('/api/mediation/cases/{id}/assign', {
            params: { path: { id: opened.id } },
            body: {},
          }),
        ).catch(() => undefined);
      }
      return { caseId: opened.id, name };
    },
    onSuccess: ({ caseId, name }) => {
      void invalidateAfterPlacement(qc);
      notifications.show({ color: 'green', message: m.created(name) });
      navigate(`/bemiddeling/${caseId}`);
    },
    onError: (err) => {
      if (err instanceof NotOpened) return;
      const { fields, other } = apiErrors(err, nameOf);
      setServerErrors(fields);
      const first = FIELD_ORDER.find((f) => fields[f]);
      setFormError(
        first || other.length ? [t.errors.invalid, ...other].join(' ') : errorMessage(err),
      );
      if (first) setTimeout(() => focusField(first), 0);
    },
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setAttempted(true);
    setFormError(null);
    setPartial(null);
    const errs = check(values);
    const first = FIELD_ORDER.find((f) => errs[f]);
    if (first) {
      setFormError(m.errorSummary(Object.keys(errs).length));
      focusField(first);
      return;
    }
    create.mutate();
  };

  const today = new Date().toISOString().slice(0, 10);
  const placeLabel = canPick
    ? gradeLevel(Number(values.requestedGrade), t.levels[values.requestedLevel] ?? '')
    : '';

  const gradeOptions = (empty: string) => [
    { value: '', label: empty },
    ...GRADES.map((g) => ({ value: String(g), label: p.gradeOption(g) })),
  ];
  const levelOptions = (empty: string) => [
    { value: '', label: empty },
    ...LEVELS.map((l) => ({ value: l, label: t.levels[l] ?? l })),
  ];

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="mover-form-title">
      <Title order={2} size="h3" id="mover-form-title" mb="md">
        {m.formTitle}
      </Title>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            {formError && (
              <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden />}>
                {formError}
              </Alert>
            )}
            {partial && (
              <Alert color="orange" role="alert" icon={<IconAlertTriangle aria-hidden />}>
                <Text size="sm">{partial.message}</Text>
                <Anchor component={Link} to={`/leerlingen/${partial.requestId}`} size="sm">
                  {m.openDraft}
                </Anchor>
              </Alert>
            )}

            <Section id="mover-pupil" title={m.sectionPupil}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
                <TextInput
                  id={fieldId('firstName')}
                  label={p.field.firstName}
                  required
                  autoComplete="off"
                  maxLength={100}
                  value={values.firstName}
                  onChange={(e) => set('firstName', e.currentTarget.value)}
                  error={errors.firstName}
                />
                <TextInput
                  id={fieldId('lastName')}
                  label={p.field.lastName}
                  required
                  autoComplete="off"
                  maxLength={100}
                  value={values.lastName}
                  onChange={(e) => set('lastName', e.currentTarget.value)}
                  error={errors.lastName}
                />
                <TextInput
                  id={fieldId('dateOfBirth')}
                  type="date"
                  label={p.field.dateOfBirth}
                  required
                  max={today}
                  value={values.dateOfBirth}
                  onChange={(e) => set('dateOfBirth', e.currentTarget.value)}
                  error={errors.dateOfBirth}
                />
                <TextInput
                  id={fieldId('postcode')}
                  label={p.field.postcode}
                  description={p.field.postcodeHint}
                  inputWrapperOrder={['label', 'input', 'description', 'error']}
                  required
                  autoComplete="off"
                  maxLength={8}
                  value={values.postcode}
                  onChange={(e) => set('postcode', e.currentTarget.value)}
                  onBlur={(e) => set('postcode', normalisePostcode(e.currentTarget.value))}
                  error={errors.postcode}
                />
              </SimpleGrid>
            </Section>

            <Section id="mover-place" title={m.sectionPlace}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
                <NativeSelect
                  id={fieldId('requestedGrade')}
                  label={p.field.requestedGrade}
                  required
                  value={values.requestedGrade}
                  onChange={(e) => set('requestedGrade', e.currentTarget.value)}
                  error={errors.requestedGrade}
                  data={gradeOptions(p.choose)}
                />
                <NativeSelect
                  id={fieldId('requestedLevel')}
                  label={p.field.requestedLevel}
                  required
                  value={values.requestedLevel}
                  onChange={(e) => set('requestedLevel', e.currentTarget.value)}
                  error={errors.requestedLevel}
                  data={levelOptions(p.choose)}
                />
                <TextInput
                  id={fieldId('requestedProfile')}
                  label={p.field.requestedProfile}
                  description={p.field.requestedProfileHint}
                  inputWrapperOrder={['label', 'input', 'description', 'error']}
                  maxLength={60}
                  value={values.requestedProfile}
                  onChange={(e) => set('requestedProfile', e.currentTarget.value)}
                  error={errors.requestedProfile}
                />
                <div />
                <NativeSelect
                  id={fieldId('currentGrade')}
                  label={m.currentGrade}
                  value={values.currentGrade}
                  onChange={(e) => set('currentGrade', e.currentTarget.value)}
                  error={errors.currentGrade}
                  data={gradeOptions(m.sameAsWanted)}
                />
                <NativeSelect
                  id={fieldId('currentLevel')}
                  label={m.currentLevel}
                  value={values.currentLevel}
                  onChange={(e) => set('currentLevel', e.currentTarget.value)}
                  error={errors.currentLevel}
                  data={levelOptions(m.sameAsWanted)}
                />
              </SimpleGrid>
              <Text size="xs" c="dimmed" mt="xs">
                {m.currentHint}
              </Text>
            </Section>

            <Section id="mover-more" title={m.sectionMore}>
              <Stack gap="md">
                <Textarea
                  id={fieldId('justification')}
                  label={p.field.justification}
                  description={p.field.justificationHint}
                  autosize
                  minRows={3}
                  maxRows={12}
                  maxLength={10000}
                  value={values.justification}
                  onChange={(e) => set('justification', e.currentTarget.value)}
                  error={errors.justification}
                />
                <Alert
                  color="yellow"
                  variant="light"
                  icon={<IconLock aria-hidden />}
                  title={p.sensitiveTitle}
                >
                  {p.sensitiveBody}
                </Alert>
                <Checkbox.Group
                  id={fieldId('supportCategories')}
                  label={p.field.supportCategories}
                  value={values.supportCategories}
                  onChange={(v) => set('supportCategories', v)}
                  error={errors.supportCategories}
                >
                  <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing="xs" mt={6}>
                    {SUPPORT_CATEGORIES.map((c) => (
                      <Checkbox key={c} value={c} label={p.supportCategories[c]} />
                    ))}
                  </SimpleGrid>
                </Checkbox.Group>
                <Textarea
                  id={fieldId('supportNeeds')}
                  label={p.field.supportNeeds}
                  description={p.field.supportNeedsHint}
                  autosize
                  minRows={2}
                  maxRows={10}
                  maxLength={10000}
                  value={values.supportNeeds}
                  onChange={(e) => set('supportNeeds', e.currentTarget.value)}
                  error={errors.supportNeeds}
                />
              </Stack>
            </Section>

            <Section id="mover-preferences" title={m.sectionPreferences}>
              <Text size="sm" c="dimmed" mb="sm">
                {m.preferencesHint}
              </Text>
              <PreferencePicker
                id={fieldId('preferences')}
                value={values.preferences}
                onChange={(v) => set('preferences', v)}
                offered={canPick ? offered.data : undefined}
                loading={canPick && offered.isFetching}
                canPick={canPick}
                placeLabel={placeLabel}
                excludeId=""
                nameOf={nameOf}
                error={errors.preferences}
              />
            </Section>

            <Section id="mover-consent" title={m.sectionConsent}>
              <Stack gap="md">
                <Radio.Group
                  id={fieldId('consentBy')}
                  label={p.field.consentBy}
                  description={m.consentHint}
                  required
                  value={values.consentBy}
                  onChange={(v) => set('consentBy', v)}
                  error={errors.consentBy}
                >
                  <Stack gap="xs" mt="xs">
                    {CONSENT_BY.map((c) => (
                      <Radio key={c} value={c} label={p.consentBy[c]} />
                    ))}
                  </Stack>
                </Radio.Group>
                <Textarea
                  label={m.note}
                  description={m.noteHint}
                  autosize
                  minRows={2}
                  maxRows={8}
                  maxLength={5000}
                  value={note}
                  onChange={(e) => setNote(e.currentTarget.value)}
                />
              </Stack>
            </Section>

            <Group>
              <Button
                type="submit"
                loading={create.isPending}
                leftSection={<IconUserPlus size={16} aria-hidden />}
              >
                {m.submit}
              </Button>
            </Group>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Paper withBorder p="lg" component="aside" aria-labelledby="mover-how">
            <Title order={2} size="h4" id="mover-how" mb="sm">
              {t.pupils.howTitle}
            </Title>
            <List type="ordered" size="sm" spacing="xs">
              {HOW.map((s) => (
                <List.Item key={s}>{s}</List.Item>
              ))}
            </List>
          </Paper>
        </Grid.Col>
      </Grid>
    </form>
  );
}

const HOW = [t.advisor.moversHow.fill, t.advisor.moversHow.case, t.advisor.moversHow.place];

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={id}>
      <Title order={3} size="h4" id={id} mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

const PAGE = 200;

/**
 * The instromers entered most recently this season: the newest cases of the season (the last
 * page, the list runs oldest first) without a sending school.
 * TODO(api): a filter for instromers and a newest-first order on GET /api/mediation/cases.
 */
function useRecentMovers(seasonId: string) {
  return useQuery({
    queryKey: ['mediation', 'movers', seasonId],
    queryFn: async () => {
      const get = (page: number) =>
        call(
          api.GET('/api/mediation/cases', {
            params: { query: { seasonId, sort: 'waiting', page, limit: PAGE } },
          }),
        );
      const first = await get(1);
      const pages = Math.ceil(first.total / PAGE);
      const items = pages > 1 ? (await get(pages)).items : first.items;
      return items
        .filter((c) => !c.sendingSchool)
        .reverse()
        .slice(0, 10);
    },
  });
}

function RecentMovers({ seasonId }: { seasonId: string }) {
  const m = t.advisor.movers;
  const q = useRecentMovers(seasonId);
  const items = q.data ?? [];
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="movers-recent">
      <Title order={2} size="h3" id="movers-recent" mb="md">
        {m.recentTitle}
      </Title>
      <QueryState isPending={q.isPending} error={q.error}>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {m.recentEmpty}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={700}>
            <Table verticalSpacing="xs" highlightOnHover>
              <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
                {m.recentCaption}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{m.col.pupil}</Table.Th>
                  <Table.Th scope="col">{m.col.wanted}</Table.Th>
                  <Table.Th scope="col">{m.col.entered}</Table.Th>
                  <Table.Th scope="col">{m.col.advisor}</Table.Th>
                  <Table.Th scope="col">{m.col.status}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Th scope="row">
                      <Anchor component={Link} to={`/bemiddeling/${c.id}`} fw={600}>
                        {c.pupil.firstName} {c.pupil.lastName}
                      </Anchor>
                    </Table.Th>
                    <Table.Td>
                      {gradeLevel(
                        c.requestedGrade,
                        t.levels[c.requestedLevel] ?? c.requestedLevel,
                        c.requestedProfile,
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(c.createdAt)}</Table.Td>
                    <Table.Td>{c.assignedToName ?? t.advisor.unassigned}</Table.Td>
                    <Table.Td>
                      <CaseStatusBadge c={c} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </Paper>
  );
}
