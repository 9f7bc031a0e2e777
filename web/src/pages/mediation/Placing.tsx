/**
 * Placing a pupil by hand: the schools with a fitting free place (the API's suggestions), the
 * schools that offer the place but are full, and the confirm dialog. A full offer (also one that
 * filled up since the list was loaded: the API answers 409) asks for a written reason of at least
 * 10 characters before it places over capacity.
 */
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  Textarea,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { api, ApiError, call } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { gradeLevel, QueryState } from '../../components/ui';
import { t } from '../../messages';
import { useDetail, useSchoolsWithPlaces } from '../pupils/api';
import { invalidateAfterPlacement, useSuggestions, type CaseDetail, type Suggestion } from './api';
import { Section } from './parts';

const MIN_REASON = 10;

export interface PlaceTarget {
  offerId: string;
  schoolName: string;
  profile: string;
  /** true: no free place, a reason is needed */
  full: boolean;
}

function wanted(c: CaseDetail, profile = c.requestedProfile) {
  return gradeLevel(c.requestedGrade, t.levels[c.requestedLevel] ?? c.requestedLevel, profile);
}

function where(s: Suggestion) {
  const a = t.advisor.case;
  const parts = [
    s.district === s.pupilDistrict && s.district !== 'Overig'
      ? a.sameDistrict
      : a.otherDistrict(s.pupilDistrict),
  ];
  if (s.distance !== null) parts.push(a.postcodeDiff(s.distance));
  return parts.join(' · ');
}

/** The table both place lists share: caption above; school, where, place, free, and the action. */
function PlacesTable({
  minWidth,
  caption,
  whereLabel,
  children,
}: {
  minWidth: number;
  caption: string;
  whereLabel: string;
  children: ReactNode;
}) {
  const a = t.advisor.case;
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table verticalSpacing="xs">
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{a.col.school}</Table.Th>
            <Table.Th scope="col">{whereLabel}</Table.Th>
            <Table.Th scope="col">{a.col.place}</Table.Th>
            <Table.Th scope="col" className="num">
              {a.col.free}
            </Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>{a.col.action}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function Suggestions({
  c,
  onPlace,
}: {
  c: CaseDetail;
  onPlace: (target: PlaceTarget) => void;
}) {
  const a = t.advisor.case;
  const q = useSuggestions(c.id, c.status === 'open');
  const items = q.data?.items ?? [];
  const blocked = c.requestStatus === 'proposed';
  return (
    <Section id="sec-suggestions" title={a.suggestionsTitle}>
      <Text size="sm" c="dimmed" mb="sm">
        {a.suggestionsIntro(wanted(c))}
      </Text>
      <QueryState isPending={q.isPending} error={q.error}>
        {items.length === 0 ? (
          <Alert color="orange" variant="light">
            {a.suggestionsEmpty}
          </Alert>
        ) : (
          <PlacesTable
            minWidth={640}
            caption={a.suggestionsCaption(items.length)}
            whereLabel={a.col.where}
          >
            {items.map((s) => {
              const rowId = `sugg-${s.offerId}`;
              return (
                <Table.Tr key={s.offerId}>
                  <Table.Th scope="row" fw={400}>
                    <Text size="sm" fw={600} id={rowId}>
                      {s.schoolName}
                    </Text>
                    <Group gap={4} mt={2}>
                      {s.preferenceRank !== null && (
                        <Badge size="sm" variant="light" color="blue" tt="none" radius="sm">
                          {a.preference(s.preferenceRank)}
                        </Badge>
                      )}
                      {s.declinedBefore && (
                        <Badge size="sm" variant="light" color="red" tt="none" radius="sm">
                          {a.declinedBefore}
                        </Badge>
                      )}
                    </Group>
                  </Table.Th>
                  <Table.Td>
                    <Text size="sm">{s.district}</Text>
                    <Text size="xs" c="dimmed">
                      {where(s)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{s.profile || a.anyProfile}</Table.Td>
                  <Table.Td className="num" style={{ whiteSpace: 'nowrap' }}>
                    {a.freeOf(s.remaining, s.capacity)}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="xs"
                      disabled={blocked}
                      aria-describedby={rowId}
                      onClick={() =>
                        onPlace({
                          offerId: s.offerId,
                          schoolName: s.schoolName,
                          profile: s.profile,
                          full: false,
                        })
                      }
                    >
                      {a.place}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </PlacesTable>
        )}
      </QueryState>
    </Section>
  );
}

/** Schools offering the requested leerjaar × niveau without a free place: only with a reason. */
export function FullOffers({
  c,
  onPlace,
}: {
  c: CaseDetail;
  onPlace: (target: PlaceTarget) => void;
}) {
  const a = t.advisor.case;
  const q = useSchoolsWithPlaces(
    c.seasonId,
    c.requestedGrade,
    c.requestedLevel,
    c.requestedProfile,
  );
  const form = useDetail(c.requestId);
  const preferences = form.data?.preferences ?? [];
  // The pupil's own preferences first, in their order; then by name (the API's order).
  const rank = (id: string) => {
    const i = preferences.indexOf(id);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const full = (q.data ?? [])
    .filter(
      (s): s is typeof s & { offerId: string; remaining: number } =>
        s.offerId !== null &&
        s.remaining !== null &&
        s.remaining <= 0 &&
        s.id !== c.sendingSchool?.id,
    )
    .sort((x, y) => rank(x.id) - rank(y.id));
  if (!full.length) return null;
  const blocked = c.requestStatus === 'proposed';
  return (
    <Section id="sec-full" title={a.fullTitle}>
      <Text size="sm" c="dimmed" mb="sm">
        {a.fullIntro}
      </Text>
      <PlacesTable minWidth={560} caption={a.fullCaption(full.length)} whereLabel={t.districtLabel}>
        {full.map((s) => {
          const rowId = `full-${s.offerId}`;
          return (
            <Table.Tr key={s.offerId}>
              <Table.Th scope="row" fw={400}>
                <Text size="sm" fw={600} id={rowId}>
                  {s.name}
                </Text>
                {preferences.includes(s.id) && (
                  <Badge size="sm" variant="light" color="blue" tt="none" radius="sm" mt={2}>
                    {a.preference(preferences.indexOf(s.id) + 1)}
                  </Badge>
                )}
              </Table.Th>
              <Table.Td>{s.district}</Table.Td>
              <Table.Td>{s.profile || a.anyProfile}</Table.Td>
              <Table.Td className="num">{a.full}</Table.Td>
              <Table.Td ta="right">
                <Button
                  size="xs"
                  variant="default"
                  disabled={blocked}
                  aria-describedby={rowId}
                  onClick={() =>
                    onPlace({
                      offerId: s.offerId,
                      schoolName: s.name,
                      profile: s.profile,
                      full: true,
                    })
                  }
                >
                  {a.place}
                </Button>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </PlacesTable>
    </Section>
  );
}

/** "Is this offer full?": the API's 409 for a full offer without a reason. */
function isFullError(err: unknown): boolean {
  return (
    err instanceof ApiError &&
    (err.status === 409 || err.status === 400) &&
    /capaciteit|overCapacityReason|geen vrije plaats/i.test(
      [err.message, ...err.problems.map((p) => `${p.field ?? ''} ${p.message}`)].join(' '),
    )
  );
}

export function PlaceModal({
  c,
  target,
  onClose,
}: {
  c: CaseDetail;
  target: PlaceTarget | null;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={!!target}
      onClose={onClose}
      title={<Text fw={700}>{t.advisor.case.placeTitle}</Text>}
      centered
      size="lg"
    >
      {/* A fresh form per target: no reason carries over from one school to the next. */}
      {target && <PlaceForm key={target.offerId} c={c} target={target} onClose={onClose} />}
    </Modal>
  );
}

function PlaceForm({
  c,
  target,
  onClose,
}: {
  c: CaseDetail;
  target: PlaceTarget;
  onClose: () => void;
}) {
  const a = t.advisor.case;
  const qc = useQueryClient();
  const [full, setFull] = useState(target.full);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pupil = `${c.pupil.firstName} ${c.pupil.lastName}`;

  const place = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/mediation/cases/{id}/place', {
          params: { path: { id: c.id } },
          body: {
            offerId: target.offerId,
            ...(full ? { overCapacityReason: reason.trim() } : {}),
          },
        }),
      ),
    onSuccess: () => {
      notifications.show({ color: 'green', message: a.placed(pupil, target.schoolName) });
      void invalidateAfterPlacement(qc);
      onClose();
    },
    onError: (err) => {
      if (isFullError(err)) {
        // The offer filled up meanwhile (or the reason was refused): ask for a reason.
        const fieldMsg = err instanceof ApiError ? err.fieldErrors().overCapacityReason : undefined;
        if (full && fieldMsg) setReasonError(a.overCapacityShort);
        setFull(true);
        setError(null);
        setTimeout(() => document.getElementById('over-capacity-reason')?.focus(), 0);
        return;
      }
      setError(errorMessage(err));
      if (err instanceof ApiError && err.status === 409) void invalidateAfterPlacement(qc);
    },
  });

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (full && reason.trim().length < MIN_REASON) {
          setReasonError(a.overCapacityShort);
          document.getElementById('over-capacity-reason')?.focus();
          return;
        }
        setReasonError(null);
        setError(null);
        place.mutate();
      }}
    >
      <Stack gap="md">
        <Text size="sm">{a.placeBody(pupil, target.schoolName, wanted(c, target.profile))}</Text>
        {full && (
          <>
            <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />}>
              {a.placeFull}
            </Alert>
            <Textarea
              id="over-capacity-reason"
              label={a.overCapacityReason}
              description={a.overCapacityHint}
              required
              autosize
              minRows={3}
              maxLength={2000}
              value={reason}
              onChange={(e) => {
                setReason(e.currentTarget.value);
                if (reasonError && e.currentTarget.value.trim().length >= MIN_REASON)
                  setReasonError(null);
              }}
              error={reasonError}
              data-autofocus
            />
          </>
        )}
        {error && (
          <Alert color="red" role="alert" variant="light">
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={place.isPending}>
            {t.cancel}
          </Button>
          <Button type="submit" loading={place.isPending} data-autofocus={!full || undefined}>
            {a.placeConfirm}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
