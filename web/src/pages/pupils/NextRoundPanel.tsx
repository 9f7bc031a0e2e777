/**
 * "Kans in de volgende ronde": for a pupil a round could not place (in mediation) or whose
 * proposal was declined (back in submitted). The coordinator of the sending school or an advisor
 * adds schools to the END of the list (the submitted ones stay, read-only, in their order; the
 * schools that declined the pupil cannot be chosen) and submits again: PATCH the longer list, then
 * POST submit (only from mediation; a submitted pupil is already in the next round).
 */
import { Alert, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle, IconSend } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { api, call } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useWorkspace } from '../../auth/workspace';
import { gradeLevel } from '../../components/ui';
import { formatDate, t } from '../../messages';
import {
  invalidateAfterChange,
  keys,
  useRecommendedPreferences,
  useSchoolsWithPlaces,
  type Detail,
} from './api';
import { apiErrors } from './form';
import { PreferencePicker } from './PreferencePicker';

/** Schools whose proposal for this pupil was declined: never offered again. */
export function declinedSchools(d: Detail): string[] {
  return [...new Set(d.proposals.filter((p) => p.status === 'declined').map((p) => p.schoolId))];
}

/** Whether the page shows the panel: in mediation, or submitted again after a declined proposal. */
export function hasNextChance(d: Detail): boolean {
  return d.status === 'mediation' || (d.status === 'submitted' && declinedSchools(d).length > 0);
}

export function NextRoundPanel({
  detail,
  nameOf,
  onSaved,
}: {
  detail: Detail;
  nameOf: (id: string) => string;
  onSaved: (d: Detail) => void;
}) {
  const ws = useWorkspace();
  const qc = useQueryClient();
  const recommended = useRecommendedPreferences();
  const [added, setAdded] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const actionButton = useRef<HTMLButtonElement>(null);

  const fixed = detail.preferences;
  const declined = declinedSchools(detail);
  const offered = useSchoolsWithPlaces(
    detail.seasonId,
    detail.requestedGrade,
    detail.requestedLevel,
    detail.requestedProfile,
    true,
  );
  const placeLabel = gradeLevel(detail.requestedGrade, t.levels[detail.requestedLevel] ?? '');
  const name = `${detail.firstName} ${detail.lastName}`;
  const resubmit = detail.status === 'mediation';

  const today = new Date().toISOString().slice(0, 10);
  const season = ws.seasons.find((s) => s.id === detail.seasonId) ?? ws.season;
  const nextRound = season?.roundDates.find((d) => d > today);

  const lookup = (id: string) =>
    offered.data?.find((s) => s.id === id)?.name ?? nameOf(id) ?? t.pupils.thisSchool;

  const go = useMutation({
    mutationFn: async () => {
      let saved = await call(
        api.PATCH('/api/transfer-requests/{id}', {
          params: { path: { id: detail.id } },
          body: { preferences: [...fixed, ...added] },
        }),
      );
      if (resubmit)
        saved = await call(
          api.POST('/api/transfer-requests/{id}/submit', { params: { path: { id: detail.id } } }),
        );
      return saved;
    },
    onSuccess: (d) => {
      setConfirmOpen(false);
      setAdded([]);
      setError(null);
      qc.setQueryData(keys.detail(d.id), d);
      void invalidateAfterChange(qc);
      void qc.invalidateQueries({ queryKey: ['mediation'] });
      notifications.show({
        color: 'green',
        message: resubmit ? t.pupils.next.done(name) : t.pupils.next.saved(name),
      });
      onSaved(d);
    },
    onError: (err) => {
      setConfirmOpen(false);
      const { fields, other } = apiErrors(err, lookup);
      const messages = [...Object.values(fields), ...other].filter(Boolean);
      setError(messages.length ? messages.join(' ') : errorMessage(err));
      // The list on the server may have changed: fetch the form again.
      void qc.invalidateQueries({ queryKey: keys.detail(detail.id) });
      actionButton.current?.focus();
    },
  });

  const onAction = () => {
    if (!added.length) {
      setError(t.pupils.next.addFirst);
      document.getElementById('next-round-preferences')?.focus();
      return;
    }
    setError(null);
    setConfirmOpen(true);
  };

  const declinedNames = declined.map(lookup).join(', ');

  return (
    <Paper
      withBorder
      p="lg"
      component="section"
      aria-labelledby="sec-next-round"
      style={{ borderColor: 'var(--mantine-color-orange-4)', borderWidth: 2 }}
    >
      <Title order={2} size="h4" id="sec-next-round" mb="sm">
        {t.pupils.next.title}
      </Title>
      <Stack gap="sm">
        <Text size="sm">
          {detail.status === 'mediation'
            ? t.pupils.next.noPlace
            : t.pupils.next.declined(declinedNames || t.pupils.thisSchool)}
        </Text>
        <Text size="sm" fw={600}>
          {nextRound ? t.pupils.next.nextRound(formatDate(nextRound)) : t.pupils.next.noNextRound}
        </Text>
        <Text size="sm" c="dimmed">
          {t.pupils.next.keepOrder}
        </Text>
        <PreferencePicker
          id="next-round-preferences"
          value={[...fixed, ...added]}
          onChange={(ids) => {
            setAdded(ids.slice(fixed.length));
            setError(null);
          }}
          offered={offered.data}
          loading={offered.isFetching}
          canPick
          placeLabel={placeLabel}
          excludeId={detail.sendingSchoolId ?? ''}
          excludeIds={declined}
          nameOf={lookup}
          fixedCount={fixed.length}
          pupilPostcode={detail.postcode}
          recommended={recommended}
        />
        {offered.error && (
          <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden />}>
            {errorMessage(offered.error)}
          </Alert>
        )}
        {error && (
          <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden />}>
            {error}
          </Alert>
        )}
        <Group gap="sm">
          <Button
            ref={actionButton}
            onClick={onAction}
            loading={go.isPending}
            leftSection={<IconSend size={16} aria-hidden />}
          >
            {resubmit ? t.pupils.next.resubmit : t.pupils.next.save}
          </Button>
          {added.length > 0 && (
            <Button variant="subtle" onClick={() => setAdded([])} disabled={go.isPending}>
              {t.pupils.next.undo}
            </Button>
          )}
        </Group>
      </Stack>

      <Modal
        opened={confirmOpen}
        returnFocus={false}
        onClose={() => {
          if (go.isPending) return;
          setConfirmOpen(false);
          actionButton.current?.focus();
        }}
        title={
          <Text fw={700}>
            {resubmit ? t.pupils.next.confirmTitle : t.pupils.next.confirmSaveTitle}
          </Text>
        }
        centered
      >
        <Stack gap="md">
          <Text size="sm">
            {resubmit
              ? t.pupils.next.confirmBody(name, added.length)
              : t.pupils.next.confirmSaveBody(name, added.length)}
          </Text>
          {nextRound && <Text size="sm">{t.pupils.next.nextRound(formatDate(nextRound))}</Text>}
          <Group justify="flex-end" gap="sm">
            <Button
              variant="default"
              onClick={() => {
                setConfirmOpen(false);
                actionButton.current?.focus();
              }}
              disabled={go.isPending}
            >
              {t.cancel}
            </Button>
            <Button data-autofocus onClick={() => go.mutate()} loading={go.isPending}>
              {resubmit ? t.pupils.next.confirm : t.pupils.next.confirmSave}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
