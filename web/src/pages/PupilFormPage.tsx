/**
 * /leerlingen/nieuw and /leerlingen/:id: the schoolwisselaarsformulier. A draft is a form (every
 * field of the API, in sections); once submitted the API allows no changes, so the page shows the
 * form read-only with what happens next. Beside it: the status and the pupil's history.
 */
import {
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  Grid,
  Group,
  List,
  Modal,
  NativeSelect,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconInfoCircle,
  IconLock,
  IconSend,
} from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api, ApiError, call } from '../api/client';
import { errorMessage } from '../api/errors';
import { useMe } from '../auth/session';
import { useWorkspace } from '../auth/workspace';
import { ErrorAlert, gradeLevel, PageHeader, QueryState, StatusBadge } from '../components/ui';
import { formatDate, formatDateTime, t } from '../messages';
import {
  invalidateAfterChange,
  keys,
  useDetail,
  useRecommendedPreferences,
  useRegionSchools,
  useSchoolsWithPlaces,
  type Detail,
} from './pupils/api';
import {
  apiErrors,
  CONSENT_BY,
  createBody,
  emptyValues,
  FIELD_ORDER,
  fieldId,
  fromDetail,
  GRADES,
  LEVELS,
  normalisePostcode,
  REASONS,
  SUPPORT_CATEGORIES,
  updateBody,
  validate,
  validGradeLevel,
  type Errors,
  type Field,
  type FormValues,
} from './pupils/form';
import { FormProposals } from './pupils/FormProposals';
import { PreferencePicker } from './pupils/PreferencePicker';
import { PupilHistory } from './pupils/PupilHistory';
import { hasNextChance, NextRoundPanel } from './pupils/NextRoundPanel';

const OPEN = ['draft', 'submitted', 'proposed', 'mediation'];

/** Errors handed over when a new form was saved but could not be submitted. */
interface CarriedErrors {
  fields: Errors;
  other: string[];
}

export default function PupilFormPage() {
  const { id } = useParams();
  // A new form and each pupil are separate pages: nothing carries over between them.
  return <PupilPage key={id ?? 'new'} id={id} />;
}

function PupilPage({ id }: { id?: string }) {
  const detail = useDetail(id);
  const me = useMe();
  const ws = useWorkspace();
  const location = useLocation();
  const arrived = !!(location.state as { arrived?: boolean } | null)?.arrived;

  // A new page starts at the top; after "create" the focus moves to its heading, so a keyboard
  // or screen-reader user knows where they are.
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, []);
  const focused = useRef(false);
  const loaded = !!detail.data;
  useEffect(() => {
    if (!arrived || !loaded || focused.current) return;
    focused.current = true;
    focusHeading();
  }, [arrived, loaded]);

  if (!id) {
    if (!ws.loading && !ws.season)
      return (
        <>
          <PageHeader title={t.pupils.newTitle} />
          <Alert color="blue" role="note">
            {t.noSeason}
          </Alert>
        </>
      );
    if (me.role === 'coordinator' && !ws.school)
      return (
        <>
          <PageHeader title={t.pupils.newTitle} />
          <Alert color="orange" role="note">
            {t.pupils.noSchool}
          </Alert>
        </>
      );
    if (!ws.season)
      return (
        <QueryState isPending error={null}>
          {null}
        </QueryState>
      );
    return <Editor detail={null} seasonId={ws.season.id} />;
  }
  return (
    <QueryState isPending={detail.isPending} error={detail.error}>
      {detail.data && <Editor detail={detail.data} seasonId={detail.data.seasonId} />}
    </QueryState>
  );
}

function focusField(f: Field) {
  const el = document.getElementById(fieldId(f));
  const target = el?.matches('input, select, textarea, button')
    ? el
    : (el?.querySelector<HTMLElement>('input, select, textarea, button') ?? el);
  target?.scrollIntoView({ block: 'center' });
  target?.focus();
}

function focusHeading() {
  const h1 = document.querySelector<HTMLElement>('h1');
  if (!h1) return;
  h1.tabIndex = -1;
  h1.focus();
}

function firstError(e: Errors): Field | undefined {
  return FIELD_ORDER.find((f) => e[f]);
}

function Editor({ detail, seasonId }: { detail: Detail | null; seasonId: string }) {
  const me = useMe();
  const ws = useWorkspace();
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  const schools = useRegionSchools();
  const recommended = useRecommendedPreferences();

  const carried = (location.state as { carried?: CarriedErrors } | null)?.carried;
  const initial = useMemo(
    () =>
      detail
        ? fromDetail(detail)
        : emptyValues(me.role === 'coordinator' ? (ws.school?.id ?? '') : ''),
    // Only the first render: later saves set the values themselves.
    [],
  );
  const [values, setValues] = useState<FormValues>(initial);
  const [baseline, setBaseline] = useState<FormValues>(initial);
  const [attempted, setAttempted] = useState<'draft' | 'submit' | null>(carried ? 'submit' : null);
  const [serverErrors, setServerErrors] = useState<Errors>(carried?.fields ?? {});
  const [formError, setFormError] = useState<string | null>(
    carried ? [t.pupils.savedButNotSubmitted, ...carried.other].join(' ') : null,
  );
  const [confirmOpen, setConfirmOpen] = useState(false);
  const submitButton = useRef<HTMLButtonElement>(null);
  const [withdrawOpen, setWithdrawOpen] = useState(false);

  const editable = !detail || detail.status === 'draft';
  // A coordinator's new pupil belongs to the school chosen in the header (also after a switch).
  const sendingSchoolId = detail
    ? (detail.sendingSchoolId ?? '')
    : me.role === 'coordinator'
      ? (ws.school?.id ?? '')
      : values.sendingSchoolId;
  const name = detail ? `${detail.firstName} ${detail.lastName}` : '';

  // The schools teaching the requested niveau with their free places (or none yet), for the
  // picker and to check the chosen ones: a preference need not have entered places yet.
  const canPick = validGradeLevel(values.requestedGrade, values.requestedLevel);
  const [profile] = useDebouncedValue(values.requestedProfile.trim(), 400);
  const offered = useSchoolsWithPlaces(
    seasonId,
    canPick ? Number(values.requestedGrade) : null,
    canPick ? values.requestedLevel : null,
    profile,
    true,
  );
  const offeredList = canPick ? offered.data : undefined;
  const notOffered = offeredList
    ? values.preferences.filter((p) => !offeredList.some((s) => s.id === p))
    : [];
  const nameOf = (schoolId: string) =>
    offered.data?.find((s) => s.id === schoolId)?.name ??
    schools.data?.find((s) => s.id === schoolId)?.name ??
    t.pupils.thisSchool;

  const clientErrors = attempted ? validate(values, attempted, notOffered) : {};
  const errors: Errors = { ...clientErrors, ...serverErrors };

  const dirty = editable && JSON.stringify(values) !== JSON.stringify(baseline);

  // The sticky action bar must never hide the field that has the focus (WCAG 2.4.11).
  useEffect(() => {
    if (!editable) return;
    const root = document.documentElement;
    root.style.scrollPaddingBottom = '96px';
    return () => {
      root.style.scrollPaddingBottom = '';
    };
  }, [editable]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const set = <K extends Field>(field: K, value: FormValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (serverErrors[field]) setServerErrors(({ [field]: _gone, ...rest }) => rest as Errors);
  };

  /** Shows a failed request beside its fields, else above the form. */
  const showFailure = (err: unknown) => {
    const { fields, other } = apiErrors(err, nameOf);
    setServerErrors(fields);
    const first = firstError(fields);
    if (err instanceof ApiError && err.status === 409) {
      setFormError(t.errors.conflict);
      void invalidateAfterChange(qc);
    } else if (first || other.length) {
      setFormError([t.errors.invalid, ...other].join(' '));
    } else setFormError(errorMessage(err));
    // After the confirmation dialog has let go of the focus.
    if (first) setTimeout(() => focusField(first), 50);
  };

  const afterSave = (d: Detail) => {
    qc.setQueryData(keys.detail(d.id), d);
    void invalidateAfterChange(qc);
    const v = fromDetail(d);
    setValues(v);
    setBaseline(v);
    setServerErrors({});
    setFormError(null);
  };

  /** POST a new form or PATCH what changed; the saved form. */
  const persist = async (): Promise<Detail> => {
    if (!detail)
      return call(
        api.POST('/api/transfer-requests', {
          body: createBody({ ...values, sendingSchoolId }, seasonId),
        }),
      );
    const body = updateBody(values, baseline);
    if (!body) return detail;
    return call(
      api.PATCH('/api/transfer-requests/{id}', { params: { path: { id: detail.id } }, body }),
    );
  };

  const save = useMutation({
    mutationFn: persist,
    onSuccess: (d) => {
      afterSave(d);
      setAttempted(null);
      const who = `${d.firstName} ${d.lastName}`;
      notifications.show({
        color: 'green',
        message: detail ? t.pupils.saved : t.pupils.created(who),
      });
      if (!detail) navigate(`/leerlingen/${d.id}`, { replace: true, state: { arrived: true } });
    },
    onError: showFailure,
  });

  const submit = useMutation({
    mutationFn: async () => {
      const saved = await persist();
      afterSave(saved);
      try {
        return await call(
          api.POST('/api/transfer-requests/{id}/submit', { params: { path: { id: saved.id } } }),
        );
      } catch (err) {
        // A new form is saved but not submitted: continue on its own page, with the reasons.
        if (!detail) {
          const { fields, other } = apiErrors(err, nameOf);
          navigate(`/leerlingen/${saved.id}`, {
            replace: true,
            state: {
              arrived: true,
              carried: { fields, other: other.length ? other : [errorMessage(err)] },
            },
          });
          return null;
        }
        throw err;
      }
    },
    onSuccess: (d) => {
      setConfirmOpen(false);
      if (!d) return;
      afterSave(d);
      notifications.show({
        color: 'green',
        message: t.pupils.submitted(`${d.firstName} ${d.lastName}`),
      });
      if (!detail) navigate(`/leerlingen/${d.id}`, { replace: true, state: { arrived: true } });
      // The form turns read-only and its buttons go: the focus moves to the page's heading.
      else setTimeout(focusHeading, 50);
    },
    onError: (err) => {
      setConfirmOpen(false);
      showFailure(err);
    },
  });

  const onSaveDraft = (e?: FormEvent) => {
    e?.preventDefault();
    setAttempted('draft');
    setFormError(null);
    const errs = validate(values, 'draft');
    const first = firstError(errs);
    if (first) {
      setFormError(t.pupils.v.summary(Object.keys(errs).length));
      focusField(first);
      return;
    }
    save.mutate();
  };

  const onSubmit = () => {
    setAttempted('submit');
    setFormError(null);
    const errs = { ...validate(values, 'submit', notOffered), ...serverErrors };
    const first = firstError(errs);
    if (first) {
      setFormError(t.pupils.v.summary(Object.keys(errs).length));
      focusField(first);
      return;
    }
    setConfirmOpen(true);
  };

  const today = new Date().toISOString().slice(0, 10);
  const season = ws.seasons.find((s) => s.id === seasonId) ?? ws.season;
  const nextRound = season?.roundDates.find((d) => d >= today);
  const busy = save.isPending || submit.isPending;
  const placeLabel = canPick
    ? gradeLevel(Number(values.requestedGrade), t.levels[values.requestedLevel] ?? '')
    : '';

  const sendingSchoolName = detail
    ? (detail.sendingSchoolName ?? t.pupils.instromer)
    : me.role === 'coordinator'
      ? (ws.school?.name ?? '')
      : null;

  return (
    <>
      <PageHeader
        title={detail ? name : t.pupils.newTitle}
        intro={
          detail
            ? [
                `${gradeLevel(detail.currentGrade, t.levels[detail.currentLevel] ?? '')} → ${gradeLevel(
                  detail.requestedGrade,
                  t.levels[detail.requestedLevel] ?? '',
                  detail.requestedProfile,
                )}`,
                detail.sendingSchoolName ?? t.pupils.instromer,
              ].join(' · ')
            : t.pupils.newIntro
        }
        actions={
          <Button
            component={Link}
            to="/leerlingen"
            variant="default"
            leftSection={<IconArrowLeft size={16} aria-hidden />}
          >
            {t.pupils.backToList}
          </Button>
        }
      />

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            {detail && <StateNote detail={detail} />}
            {formError && (
              <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden />}>
                {formError}
              </Alert>
            )}

            {detail &&
              !editable &&
              (me.role === 'coordinator' || me.role === 'advisor') &&
              hasNextChance(detail) && (
                <NextRoundPanel
                  key={`${detail.id}:${detail.status}:${detail.preferences.join(',')}`}
                  detail={detail}
                  nameOf={nameOf}
                  onSaved={afterSave}
                />
              )}
            {editable ? (
              <form onSubmit={onSaveDraft} noValidate aria-label={t.pupils.newTitle}>
                <Stack gap="md">
                  <Section id="sec-pupil" title={t.pupils.section.pupil}>
                    {sendingSchoolName !== null ? (
                      <Text size="sm" mb="sm">
                        {t.pupils.sendingSchoolFixed(sendingSchoolName)}
                      </Text>
                    ) : (
                      <NativeSelect
                        id={fieldId('sendingSchoolId')}
                        label={t.pupils.field.sendingSchool}
                        description={t.pupils.field.sendingSchoolHint}
                        value={values.sendingSchoolId}
                        onChange={(e) => set('sendingSchoolId', e.currentTarget.value)}
                        error={errors.sendingSchoolId}
                        mb="sm"
                        data={[
                          { value: '', label: t.pupils.field.sendingSchoolNone },
                          ...(schools.data ?? []).map((s) => ({ value: s.id, label: s.name })),
                        ]}
                      />
                    )}
                    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
                      <TextInput
                        id={fieldId('firstName')}
                        label={t.pupils.field.firstName}
                        required
                        autoComplete="off"
                        value={values.firstName}
                        onChange={(e) => set('firstName', e.currentTarget.value)}
                        error={errors.firstName}
                        maxLength={100}
                      />
                      <TextInput
                        id={fieldId('lastName')}
                        label={t.pupils.field.lastName}
                        required
                        autoComplete="off"
                        value={values.lastName}
                        onChange={(e) => set('lastName', e.currentTarget.value)}
                        error={errors.lastName}
                        maxLength={100}
                      />
                      <TextInput
                        id={fieldId('dateOfBirth')}
                        type="date"
                        label={t.pupils.field.dateOfBirth}
                        required
                        max={today}
                        value={values.dateOfBirth}
                        onChange={(e) => set('dateOfBirth', e.currentTarget.value)}
                        error={errors.dateOfBirth}
                      />
                      <TextInput
                        id={fieldId('postcode')}
                        label={t.pupils.field.postcode}
                        description={t.pupils.field.postcodeHint}
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

                  <Section id="sec-place" title={t.pupils.section.place}>
                    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
                      <GradeSelect field="currentGrade" values={values} set={set} errors={errors} />
                      <LevelSelect field="currentLevel" values={values} set={set} errors={errors} />
                      <GradeSelect
                        field="requestedGrade"
                        values={values}
                        set={set}
                        errors={errors}
                      />
                      <LevelSelect
                        field="requestedLevel"
                        values={values}
                        set={set}
                        errors={errors}
                      />
                      <TextInput
                        id={fieldId('requestedProfile')}
                        label={t.pupils.field.requestedProfile}
                        description={t.pupils.field.requestedProfileHint}
                        inputWrapperOrder={['label', 'input', 'description', 'error']}
                        maxLength={60}
                        value={values.requestedProfile}
                        onChange={(e) => set('requestedProfile', e.currentTarget.value)}
                        error={errors.requestedProfile}
                      />
                      <NativeSelect
                        id={fieldId('reason')}
                        label={t.pupils.field.reason}
                        required
                        value={values.reason}
                        onChange={(e) => set('reason', e.currentTarget.value)}
                        error={errors.reason}
                        data={[
                          { value: '', label: t.pupils.choose },
                          ...REASONS.map((r) => ({ value: r, label: t.pupils.reasons[r] })),
                        ]}
                      />
                    </SimpleGrid>
                  </Section>

                  <Section id="sec-justification" title={t.pupils.section.justification}>
                    <Textarea
                      id={fieldId('justification')}
                      label={t.pupils.field.justification}
                      description={t.pupils.field.justificationHint}
                      withAsterisk={attempted === 'submit'}
                      autosize
                      minRows={5}
                      maxRows={16}
                      maxLength={10000}
                      value={values.justification}
                      onChange={(e) => set('justification', e.currentTarget.value)}
                      error={errors.justification}
                    />
                  </Section>

                  <Section id="sec-support" title={t.pupils.section.support}>
                    <Alert
                      color="yellow"
                      variant="light"
                      role="note"
                      icon={<IconLock aria-hidden />}
                      title={t.pupils.sensitiveTitle}
                      mb="md"
                    >
                      {t.pupils.sensitiveBody}
                    </Alert>
                    <Checkbox.Group
                      id={fieldId('supportCategories')}
                      label={t.pupils.field.supportCategories}
                      value={values.supportCategories}
                      onChange={(v) => set('supportCategories', v)}
                      error={errors.supportCategories}
                      mb="md"
                    >
                      <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing="xs" mt={6}>
                        {SUPPORT_CATEGORIES.map((c) => (
                          <Checkbox key={c} value={c} label={t.pupils.supportCategories[c]} />
                        ))}
                      </SimpleGrid>
                    </Checkbox.Group>
                    <Textarea
                      id={fieldId('supportNeeds')}
                      label={t.pupils.field.supportNeeds}
                      description={t.pupils.field.supportNeedsHint}
                      autosize
                      minRows={3}
                      maxRows={12}
                      maxLength={10000}
                      value={values.supportNeeds}
                      onChange={(e) => set('supportNeeds', e.currentTarget.value)}
                      error={errors.supportNeeds}
                    />
                  </Section>

                  <Section id="sec-preferences" title={t.pupils.section.preferences}>
                    <PreferencePicker
                      id={fieldId('preferences')}
                      value={values.preferences}
                      onChange={(p) => set('preferences', p)}
                      offered={offeredList}
                      loading={canPick && offered.isFetching}
                      canPick={canPick}
                      placeLabel={placeLabel}
                      excludeId={sendingSchoolId}
                      nameOf={nameOf}
                      error={errors.preferences}
                      pupilPostcode={normalisePostcode(values.postcode)}
                      recommended={recommended}
                    />
                    {offered.error && <ErrorAlert error={offered.error} />}
                  </Section>

                  <Section id="sec-consent" title={t.pupils.section.consent}>
                    <Radio.Group
                      id={fieldId('consentBy')}
                      label={t.pupils.field.consentBy}
                      description={t.pupils.field.consentHint}
                      value={values.consentBy}
                      onChange={(v) => set('consentBy', v)}
                      error={errors.consentBy}
                    >
                      <Stack gap="xs" mt="xs">
                        {['', ...CONSENT_BY].map((c) => (
                          <Radio key={c || 'none'} value={c} label={t.pupils.consentBy[c]} />
                        ))}
                      </Stack>
                    </Radio.Group>
                    {detail?.consentRecordedAt && values.consentBy === baseline.consentBy && (
                      <Text size="sm" c="dimmed" mt="sm">
                        {t.pupils.consentRecorded(
                          t.pupils.consentBy[detail.consentBy ?? ''],
                          formatDateTime(detail.consentRecordedAt),
                        )}
                      </Text>
                    )}
                  </Section>

                  <Paper
                    withBorder
                    p="md"
                    shadow="sm"
                    style={{ position: 'sticky', bottom: 8, zIndex: 5 }}
                  >
                    <Group justify="space-between" gap="sm">
                      <Group gap="sm">
                        <Button type="submit" variant="default" loading={save.isPending}>
                          {t.pupils.saveDraft}
                        </Button>
                        <Button
                          ref={submitButton}
                          onClick={onSubmit}
                          loading={submit.isPending}
                          disabled={busy && !submit.isPending}
                          leftSection={<IconSend size={16} aria-hidden />}
                        >
                          {t.pupils.submit}
                        </Button>
                        {dirty && (
                          <Text size="sm" c="dimmed" role="status">
                            {t.pupils.unsaved}
                          </Text>
                        )}
                      </Group>
                      {detail && (
                        <Button variant="subtle" color="red" onClick={() => setWithdrawOpen(true)}>
                          {t.pupils.withdraw}
                        </Button>
                      )}
                    </Group>
                  </Paper>
                </Stack>
              </form>
            ) : (
              detail && <ReadOnlyForm detail={detail} nameOf={nameOf} />
            )}
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, lg: 4 }}>
          {detail ? (
            <Stack gap="md">
              <StatusCard
                detail={detail}
                onWithdraw={
                  !editable && OPEN.includes(detail.status)
                    ? () => setWithdrawOpen(true)
                    : undefined
                }
              />
              <Paper withBorder p="lg" component="section" aria-labelledby="sec-proposals">
                <Title order={2} size="h4" id="sec-proposals" mb="md">
                  {t.pupils.proposalsTitle}
                </Title>
                <FormProposals proposals={detail.proposals} linked={me.role !== 'coordinator'} />
              </Paper>
              <Paper withBorder p="lg" component="section" aria-labelledby="sec-history">
                <Title order={2} size="h4" id="sec-history" mb="md">
                  {t.pupils.historyTitle}
                </Title>
                <PupilHistory id={detail.id} />
              </Paper>
            </Stack>
          ) : (
            <Paper withBorder p="lg" component="section" aria-labelledby="sec-how">
              <Title order={2} size="h4" id="sec-how" mb="sm">
                {t.pupils.howTitle}
              </Title>
              <List type="ordered" size="sm" spacing="xs">
                {t.pupils.how.map((s) => (
                  <List.Item key={s}>{s}</List.Item>
                ))}
              </List>
              {season && season.roundDates.length > 0 && (
                <Text size="sm" mt="md">
                  {t.pupils.roundDates(season.roundDates.map((d) => formatDate(d)).join(', '))}
                </Text>
              )}
            </Paper>
          )}
        </Grid.Col>
      </Grid>

      <Modal
        opened={confirmOpen}
        // The focus goes back to "Indienen" on cancel, to the first wrong field on a refusal.
        returnFocus={false}
        onClose={() => {
          if (submit.isPending) return;
          setConfirmOpen(false);
          submitButton.current?.focus();
        }}
        title={<Text fw={700}>{t.pupils.submitConfirmTitle}</Text>}
        centered
      >
        <Stack gap="md">
          <Text size="sm">
            {t.pupils.submitConfirmBody(
              `${values.firstName} ${values.lastName}`.trim() || t.pupils.title,
            )}
          </Text>
          {nextRound && <Text size="sm">{t.pupils.nextRound(formatDate(nextRound))}</Text>}
          <Group justify="flex-end" gap="sm">
            <Button
              variant="default"
              onClick={() => {
                setConfirmOpen(false);
                submitButton.current?.focus();
              }}
              disabled={submit.isPending}
            >
              {t.cancel}
            </Button>
            <Button data-autofocus onClick={() => submit.mutate()} loading={submit.isPending}>
              {t.pupils.submitConfirm}
            </Button>
          </Group>
        </Stack>
      </Modal>

      {detail && (
        <WithdrawModal
          detail={detail}
          opened={withdrawOpen}
          onClose={() => setWithdrawOpen(false)}
          onDone={(d) => {
            afterSave(d);
            setWithdrawOpen(false);
          }}
        />
      )}
    </>
  );
}

/**
 * One part of the form under its h2. Not a named region: its name ("Onderbouwing") would be the
 * same as its field's label.
 */
function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg">
      <Title order={2} size="h4" id={id} mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

type Setter = <K extends Field>(field: K, value: FormValues[K]) => void;

function GradeSelect({
  field,
  values,
  set,
  errors,
}: {
  field: 'currentGrade' | 'requestedGrade';
  values: FormValues;
  set: Setter;
  errors: Errors;
}) {
  return (
    <NativeSelect
      id={fieldId(field)}
      label={t.pupils.field[field]}
      required
      value={values[field]}
      onChange={(e) => set(field, e.currentTarget.value)}
      error={errors[field]}
      data={[
        { value: '', label: t.pupils.choose },
        ...GRADES.map((g) => ({ value: String(g), label: t.pupils.gradeOption(g) })),
      ]}
    />
  );
}

function LevelSelect({
  field,
  values,
  set,
  errors,
}: {
  field: 'currentLevel' | 'requestedLevel';
  values: FormValues;
  set: Setter;
  errors: Errors;
}) {
  return (
    <NativeSelect
      id={fieldId(field)}
      label={t.pupils.field[field]}
      required
      value={values[field]}
      onChange={(e) => set(field, e.currentTarget.value)}
      error={errors[field]}
      data={[
        { value: '', label: t.pupils.choose },
        ...LEVELS.map((l) => ({ value: l, label: t.levels[l] ?? l })),
      ]}
    />
  );
}

/** What the status means for the coordinator, above the form. */
function StateNote({ detail }: { detail: Detail }) {
  const s = t.pupils.state;
  const school = detail.receivingSchoolName ?? t.pupils.thisSchool;
  const text =
    detail.status === 'draft'
      ? s.draft
      : detail.status === 'submitted'
        ? s.submitted(formatDate(detail.submittedAt))
        : detail.status === 'proposed'
          ? s.proposed(school)
          : detail.status === 'placed'
            ? s.placed(school)
            : detail.status === 'withdrawn'
              ? s.withdrawn(detail.withdrawalReason ?? '—')
              : s.mediation;
  const colour =
    detail.status === 'placed'
      ? 'green'
      : detail.status === 'mediation'
        ? 'orange'
        : detail.status === 'withdrawn'
          ? 'gray'
          : 'blue';
  return (
    <Alert color={colour} variant="light" role="note" icon={<IconInfoCircle aria-hidden />}>
      {text}
    </Alert>
  );
}

function StatusCard({ detail, onWithdraw }: { detail: Detail; onWithdraw?: () => void }) {
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="sec-status">
      <Title order={2} size="h4" id="sec-status" mb="sm">
        {t.pupils.summaryTitle}
      </Title>
      <Box component="dl" m={0}>
        <Item label={t.pupils.statusLabel}>
          <StatusBadge status={detail.status} />
        </Item>
        {detail.receivingSchoolName && (
          <Item label={t.pupils.receivingSchool}>{detail.receivingSchoolName}</Item>
        )}
        <Item label={t.pupils.createdAt}>{formatDate(detail.createdAt)}</Item>
        {detail.submittedAt && (
          <Item label={t.pupils.submittedAt}>{formatDate(detail.submittedAt)}</Item>
        )}
        {detail.lateEntry && (
          <Item label={t.pupils.lateEntry}>
            <Badge variant="light" color="orange" c="dark.8" radius="sm" tt="none">
              {t.pupils.lateEntry}
            </Badge>{' '}
            {t.pupils.lateEntryNote}
          </Item>
        )}
        <Item label={t.pupils.dossier}>{detail.id.slice(0, 8)}</Item>
      </Box>
      {onWithdraw && (
        <Button variant="outline" color="red" mt="sm" onClick={onWithdraw}>
          {t.pupils.withdraw}
        </Button>
      )}
    </Paper>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box mb="xs">
      <Text component="dt" size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0}>
        {children || '—'}
      </Text>
    </Box>
  );
}

/** The submitted (or placed, withdrawn) form: the same sections, as text. */
function ReadOnlyForm({ detail: d, nameOf }: { detail: Detail; nameOf: (id: string) => string }) {
  const p = t.pupils;
  return (
    <Stack gap="md">
      <Section id="sec-pupil" title={p.section.pupil}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" m={0} spacing="md">
          <Item label={p.field.firstName}>{d.firstName}</Item>
          <Item label={p.field.lastName}>{d.lastName}</Item>
          <Item label={p.field.dateOfBirth}>{formatDate(d.dateOfBirth)}</Item>
          <Item label={p.field.postcode}>{d.postcode}</Item>
          <Item label={p.field.sendingSchool}>{d.sendingSchoolName ?? p.instromer}</Item>
        </SimpleGrid>
      </Section>
      <Section id="sec-place" title={p.section.place}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" m={0} spacing="md">
          <Item label={p.field.currentGrade}>{d.currentGrade}</Item>
          <Item label={p.field.currentLevel}>{t.levels[d.currentLevel] ?? d.currentLevel}</Item>
          <Item label={p.field.requestedGrade}>{d.requestedGrade}</Item>
          <Item label={p.field.requestedLevel}>
            {t.levels[d.requestedLevel] ?? d.requestedLevel}
          </Item>
          <Item label={p.field.requestedProfile}>{d.requestedProfile || p.none}</Item>
          <Item label={p.field.reason}>{p.reasons[d.reason] ?? d.reason}</Item>
        </SimpleGrid>
      </Section>
      <Section id="sec-justification" title={p.section.justification}>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {d.justification || p.notFilled}
        </Text>
      </Section>
      <Section id="sec-support" title={p.section.support}>
        <Alert color="yellow" variant="light" role="note" icon={<IconLock aria-hidden />} mb="md">
          <Text size="sm" fw={600} component="span">
            {p.sensitiveTitle}.
          </Text>{' '}
          {p.sensitiveBody}
        </Alert>
        <Box component="dl" m={0}>
          <Item label={p.field.supportCategories}>
            {d.supportCategories.length
              ? d.supportCategories.map((c) => p.supportCategories[c] ?? c).join(', ')
              : p.none}
          </Item>
          <Item label={p.field.supportNeeds}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{d.supportNeeds || p.none}</span>
          </Item>
        </Box>
      </Section>
      <Section id="sec-preferences" title={p.section.preferences}>
        {d.preferences.length ? (
          <List type="ordered" size="sm" spacing={4}>
            {d.preferences.map((id) => (
              <List.Item key={id}>{nameOf(id)}</List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm">{p.prefEmpty}</Text>
        )}
      </Section>
      <Section id="sec-consent" title={p.section.consent}>
        <Text size="sm">
          {d.consentBy && d.consentRecordedAt
            ? p.consentRecorded(p.consentBy[d.consentBy], formatDateTime(d.consentRecordedAt))
            : p.consentBy['']}
        </Text>
      </Section>
    </Stack>
  );
}

function WithdrawModal({
  detail,
  opened,
  onClose,
  onDone,
}: {
  detail: Detail;
  opened: boolean;
  onClose: () => void;
  onDone: (d: Detail) => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const withdraw = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/transfer-requests/{id}/withdraw', {
          params: { path: { id: detail.id } },
          body: { reason: reason.trim() },
        }),
      ),
    onSuccess: (d) => {
      notifications.show({
        color: 'green',
        message: t.pupils.withdrawn(`${d.firstName} ${d.lastName}`),
      });
      setReason('');
      onDone(d);
    },
    onError: (err) => {
      const fields = err instanceof ApiError ? err.fieldErrors() : {};
      setError(fields.reason ?? errorMessage(err));
    },
  });
  const name = `${detail.firstName} ${detail.lastName}`;
  return (
    <Modal
      opened={opened}
      onClose={() => !withdraw.isPending && onClose()}
      title={<Text fw={700}>{t.pupils.withdrawTitle}</Text>}
      centered
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim().length < 3) {
            setError(t.pupils.withdrawReasonShort);
            return;
          }
          setError(null);
          withdraw.mutate();
        }}
      >
        <Stack gap="md">
          <Text size="sm">{t.pupils.withdrawBody(name)}</Text>
          <Textarea
            data-autofocus
            label={t.pupils.withdrawReason}
            description={t.pupils.withdrawReasonHint}
            required
            autosize
            minRows={3}
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={error}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={withdraw.isPending}>
              {t.cancel}
            </Button>
            <Button type="submit" color="red" loading={withdraw.isPending}>
              {t.pupils.withdrawConfirm}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
