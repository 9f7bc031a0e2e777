/**
 * A proposal as the receiving school sees it, and its two answers: the card of the proposals page
 * (list and detail), the deadline shown on the start page too, and the accept and decline dialogs.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Collapse,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertTriangle,
  IconCheck,
  IconChevronDown,
  IconChevronUp,
  IconClock,
  IconLock,
  IconX,
} from '@tabler/icons-react';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiError, call, type Schemas } from '../../api/client';
import { errorMessage } from '../../api/errors';
import type { Season } from '../../auth/workspace';
import { gradeLevel, StatusBadge } from '../../components/ui';
import { formatDate, formatDateTime, t } from '../../messages';
import { age, deadline, roundLabel } from './calendar';

export type Proposal = Schemas['ProposalView'];
export type ProposalPage = Schemas['ProposalPage'];
type DeclineReason = Schemas['DeclineProposalDto']['reason'];

const tp = t.pages.proposals;

export const DECLINE_REASONS: DeclineReason[] = [
  'geen-passende-ondersteuning',
  'plaats-niet-meer-beschikbaar',
  'niveau-past-niet',
  'profiel-past-niet',
  'anders',
];

export const pupilName = (p: Proposal) =>
  p.pupil ? `${p.pupil.firstName} ${p.pupil.lastName}` : tp.detailTitlePlain;

export const placeOf = (p: Proposal) => gradeLevel(p.offer.grade, p.offer.level, p.offer.profile);

/** The API's 'withdrawn' proposal is "vervallen" on screen (DOMAIN.md: the request was withdrawn). */
export function ProposalBadge({ status }: { status: Proposal['status'] }) {
  return <StatusBadge kind="proposal" status={status} />;
}

/** "Nog 3 schooldagen", red with an icon when a day or less is left. */
export function DeadlineText({
  respondBy,
  schoolDaysLeft,
  size = 'sm',
}: {
  respondBy: string;
  schoolDaysLeft: number;
  size?: string;
}) {
  const d = deadline(respondBy, schoolDaysLeft);
  const Icon = d.urgent ? IconAlertTriangle : IconClock;
  return (
    <Group gap={6} wrap="nowrap" title={d.until}>
      <Icon size={16} aria-hidden color={d.urgent ? 'var(--mantine-color-red-8)' : undefined} />
      <Text size={size} c={d.urgent ? 'red.8' : undefined} fw={d.urgent ? 700 : 500}>
        {d.label}
        <Text span size="xs" c="dimmed" fw={400}>
          {' '}
          · {d.until}
        </Text>
      </Text>
    </Group>
  );
}

/** Replaces one proposal in every cached list and in its detail, so the answer shows at once. */
function putInCache(qc: QueryClient, next: Proposal) {
  qc.setQueriesData<ProposalPage>({ queryKey: ['proposals'] }, (page) =>
    page ? { ...page, items: page.items.map((p) => (p.id === next.id ? next : p)) } : page,
  );
  qc.setQueryData(['proposal', next.id], next);
}

/** What else changes with an answer: the pupil's status, the offer's counts, the start page. */
function invalidateAround(qc: QueryClient) {
  // The lists keep the answered card in place (with its new badge) until they are opened again.
  void qc.invalidateQueries({ queryKey: ['proposals'], refetchType: 'none' });
  for (const key of ['transfer-requests', 'pupils', 'offers', 'monitor', 'start', 'notifications'])
    void qc.invalidateQueries({ queryKey: [key] });
}

export function useAnswer(onAnswered?: (p: Proposal) => void) {
  const qc = useQueryClient();
  const accept = useMutation({
    mutationFn: (p: Proposal) =>
      call(api.POST('/api/proposals/{id}/accept', { params: { path: { id: p.id } } })),
    onSuccess: (next, before) => {
      putInCache(qc, next);
      invalidateAround(qc);
      onAnswered?.(next);
      notifications.show({
        color: 'green',
        icon: <IconCheck size={18} aria-hidden />,
        message: tp.accepted(pupilName(before)),
      });
    },
  });
  const decline = useMutation({
    mutationFn: ({ p, reason, note }: { p: Proposal; reason: DeclineReason; note: string }) =>
      call(
        api.POST('/api/proposals/{id}/decline', {
          params: { path: { id: p.id } },
          body: { reason, note: note.trim() || undefined },
        }),
      ),
    onSuccess: (next) => {
      // A coordinator no longer sees the pupil once declined (the API sends pupil: null).
      putInCache(qc, next);
      invalidateAround(qc);
      onAnswered?.(next);
      notifications.show({
        color: 'green',
        icon: <IconCheck size={18} aria-hidden />,
        message: tp.declined,
      });
    },
  });
  return { accept, decline };
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

/** Only what the receiving school needs to decide (the API sends no more than this). */
export function ProposalDetails({ p }: { p: Proposal }) {
  const pupil = p.pupil;
  if (!pupil) return null;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <Field label={tp.dateOfBirth}>
          {formatDate(pupil.dateOfBirth)} ({tp.age(age(pupil.dateOfBirth))})
        </Field>
        <Field label={tp.requested}>
          {gradeLevel(pupil.requestedGrade, pupil.requestedLevel, pupil.requestedProfile)}
        </Field>
        {/* The form, for those who may open it (the API gives its id only to them). */}
        {p.requestId && (
          <Field label={tp.form}>
            <Anchor component={Link} to={`/leerlingen/${p.requestId}`} inherit>
              {tp.formLink(p.requestId.slice(0, 8))}
            </Anchor>
          </Field>
        )}
      </SimpleGrid>
      <div>
        <Title order={4} size="h6" mb={4}>
          {tp.justification}
        </Title>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} maw={820}>
          {pupil.justification || tp.noJustification}
        </Text>
      </div>
      <Paper withBorder p="sm" radius="sm" bg="yellow.0">
        <Group gap="xs" mb={6}>
          <Title order={4} size="h6">
            {tp.support}
          </Title>
          <Badge
            color="yellow"
            variant="light"
            c="dark.8"
            tt="none"
            leftSection={<IconLock size={12} aria-hidden />}
          >
            {tp.special}
          </Badge>
        </Group>
        {pupil.supportCategories.length ? (
          <Group gap={6} mb={6}>
            {pupil.supportCategories.map((c) => (
              <Badge key={c} variant="outline" color="gray" c="dark.8" tt="none" radius="sm">
                {tp.supportCategories[c] ?? c}
              </Badge>
            ))}
          </Group>
        ) : (
          <Text size="sm" mb={6}>
            {tp.noSupport}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {tp.specialNote}
        </Text>
      </Paper>
    </Stack>
  );
}

/**
 * One proposal: who, which place, which round, the deadline; its details open in place; the
 * answers for whoever may give them.
 */
export function ProposalCard({
  p,
  season,
  canAnswer,
  showSchool,
  defaultOpen = false,
  linkTitle = true,
  collapsible = true,
}: {
  p: Proposal;
  season: Season | null;
  canAnswer: boolean;
  showSchool: boolean;
  defaultOpen?: boolean;
  linkTitle?: boolean;
  /** false: the details always show (the detail page) */
  collapsible?: boolean;
}) {
  const [open, setOpen] = useState(defaultOpen);
  const [asking, setAsking] = useState<'accept' | 'decline' | null>(null);
  const detailsId = useId();
  const name = pupilName(p);
  const pending = p.status === 'pending';

  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="article"
      aria-label={name}
      style={pending && p.overdue ? { borderColor: 'var(--mantine-color-red-4)' } : undefined}
    >
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4} style={{ flex: '1 1 420px', minWidth: 0 }}>
          <Group gap="sm">
            <Title order={2} size="h4">
              {p.pupil && linkTitle ? (
                <Anchor component={Link} to={`/voorstellen/${p.id}`} inherit>
                  {name}
                </Anchor>
              ) : p.pupil ? (
                name
              ) : (
                tp.declinedCard
              )}
            </Title>
            <ProposalBadge status={p.status} />
          </Group>
          <Text size="sm">
            <strong>{tp.proposedPlace}:</strong>{' '}
            {showSchool ? tp.placeAt(placeOf(p), p.school.name) : placeOf(p)}
            <Text span c="dimmed" size="sm">
              {' '}
              · {roundLabel(p.roundDate, season)}
            </Text>
          </Text>
          {p.pupil && (
            <Text size="sm">
              <strong>{tp.reason}:</strong> {tp.reasons[p.pupil.reason] ?? p.pupil.reason}
            </Text>
          )}
        </Stack>
        {pending && <DeadlineText respondBy={p.respondBy} schoolDaysLeft={p.schoolDaysLeft} />}
        {p.status === 'accepted' && p.respondedAt && (
          <Group gap={6}>
            <IconCheck size={16} aria-hidden color="var(--mantine-color-green-8)" />
            <Text size="sm">{tp.acceptedOn(formatDateTime(p.respondedAt))}</Text>
          </Group>
        )}
        {p.status === 'declined' && p.pupil && p.respondedAt && (
          <Text size="sm">
            {tp.declinedOn(
              formatDateTime(p.respondedAt),
              tp.declineReasons[p.declineReason ?? ''] ?? '',
            )}
          </Text>
        )}
      </Group>

      {!p.pupil && p.status === 'declined' && (
        <Text size="sm" mt="xs">
          {tp.declinedCardBody(tp.declineReasons[p.declineReason ?? ''] ?? '')}
        </Text>
      )}
      {p.status === 'withdrawn' && (
        <Text size="sm" mt="xs">
          {tp.withdrawnNote}
        </Text>
      )}
      {pending && p.overdue && (
        <Alert color="red" variant="light" mt="sm" icon={<IconAlertTriangle aria-hidden />}>
          {tp.overdueNote}
        </Alert>
      )}

      {p.pupil && (
        <>
          <Collapse expanded={open || !collapsible} id={detailsId}>
            <div style={{ paddingTop: 'var(--mantine-spacing-md)' }}>
              <ProposalDetails p={p} />
            </div>
          </Collapse>
          <Group mt="sm" gap="sm" justify="space-between">
            {collapsible ? (
              <Button
                variant="subtle"
                px={6}
                aria-expanded={open}
                aria-controls={detailsId}
                onClick={() => setOpen((o) => !o)}
                leftSection={
                  open ? (
                    <IconChevronUp size={16} aria-hidden />
                  ) : (
                    <IconChevronDown size={16} aria-hidden />
                  )
                }
              >
                {open ? tp.hideDetails : tp.showDetails}
              </Button>
            ) : (
              <span />
            )}
            {canAnswer && pending && (
              <Group gap="sm">
                <Button
                  variant="outline"
                  color="red.8"
                  leftSection={<IconX size={16} aria-hidden />}
                  onClick={() => setAsking('decline')}
                  aria-label={tp.declineFor(name)}
                >
                  {tp.decline}
                </Button>
                {!p.overdue && (
                  <Button
                    color="green.8"
                    leftSection={<IconCheck size={16} aria-hidden />}
                    onClick={() => setAsking('accept')}
                  >
                    {tp.accept}
                  </Button>
                )}
              </Group>
            )}
          </Group>
        </>
      )}
      {asking === 'accept' && <AcceptModal p={p} onClose={() => setAsking(null)} />}
      {asking === 'decline' && <DeclineModal p={p} onClose={() => setAsking(null)} />}
    </Paper>
  );
}

function AcceptModal({ p, onClose }: { p: Proposal; onClose: () => void }) {
  const { accept } = useAnswer(onClose);
  return (
    <Modal opened onClose={onClose} title={tp.acceptTitle} centered>
      <Stack>
        <Text size="sm">{tp.acceptBody(pupilName(p), placeOf(p), p.school.name)}</Text>
        {accept.error && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(accept.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t.cancel}
          </Button>
          <Button
            color="green.8"
            loading={accept.isPending}
            onClick={() => accept.mutate(p)}
            data-autofocus
          >
            {tp.acceptConfirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function DeclineModal({ p, onClose }: { p: Proposal; onClose: () => void }) {
  const { decline } = useAnswer(onClose);
  const [reason, setReason] = useState<DeclineReason | null>(null);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const serverFields = decline.error instanceof ApiError ? decline.error.fieldErrors() : {};
  const reasonError = tried && !reason ? tp.declineReasonRequired : serverFields.reason;
  const noteError =
    tried && reason === 'anders' && !note.trim() ? tp.declineNoteRequired : serverFields.note;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!reason || (reason === 'anders' && !note.trim())) return;
    decline.mutate({ p, reason, note });
  };

  return (
    <Modal opened onClose={onClose} title={tp.declineTitle} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{tp.declineBody(pupilName(p))}</Text>
          <Select
            label={tp.declineReason}
            placeholder={tp.declineReasonPlaceholder}
            data={DECLINE_REASONS.map((r) => ({ value: r, label: tp.declineReasons[r] }))}
            value={reason}
            onChange={(v) => setReason(v as DeclineReason | null)}
            error={reasonError}
            required
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            data-autofocus
          />
          <Textarea
            label={tp.declineNote}
            description={tp.declineNoteHint}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={noteError}
            required={reason === 'anders'}
            autosize
            minRows={3}
            maxLength={2000}
          />
          {decline.error && !serverFields.reason && !serverFields.note && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(decline.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t.cancel}
            </Button>
            <Button type="submit" color="red.8" loading={decline.isPending}>
              {tp.declineConfirm}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
