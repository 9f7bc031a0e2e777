/**
 * /bemiddeling/:id: one mediation case. Left: where the case stands, the schools with a fitting
 * free place (each with "Plaatsen"), full schools (only with a reason), the proposals the pupil had
 * with the reasons they were declined, and the notes as a timeline. Right: the case's facts and the
 * pupil's form, read-only. Actions: "Aan mij toewijzen" and "Zaak sluiten".
 */
import { Alert, Box, Button, Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconArrowLeft, IconCheck, IconInfoCircle, IconUserCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, call } from '../api/client';
import { errorMessage } from '../api/errors';
import { useMe } from '../auth/session';
import { ErrorAlert, gradeLevel, PageHeader, QueryState } from '../components/ui';
import { formatDate, t } from '../messages';
import { useDetail } from './pupils/api';
import { keys, useCase, type CaseDetail } from './mediation/api';
import { CloseModal, Notes, Proposals } from './mediation/CaseSections';
import { CaseStatusBadge, Item } from './mediation/parts';
import { FullOffers, PlaceModal, Suggestions, type PlaceTarget } from './mediation/Placing';
import { PupilSummary } from './mediation/PupilSummary';

export default function MediationCasePage() {
  const { id } = useParams();
  const q = useCase(id);
  if (q.error)
    return (
      <>
        <PageHeader title={t.advisor.desk.title} actions={<BackButton />} />
        <ErrorAlert error={q.error} />
      </>
    );
  return (
    <QueryState isPending={q.isPending} error={null}>
      {q.data && <CaseBody c={q.data} />}
    </QueryState>
  );
}

function BackButton() {
  return (
    <Button
      component={Link}
      to="/bemiddeling"
      variant="default"
      leftSection={<IconArrowLeft size={16} aria-hidden />}
    >
      {t.advisor.case.back}
    </Button>
  );
}

function CaseBody({ c }: { c: CaseDetail }) {
  const me = useMe();
  const qc = useQueryClient();
  const a = t.advisor.case;
  const [target, setTarget] = useState<PlaceTarget | null>(null);
  const [closing, setClosing] = useState(false);
  const name = `${c.pupil.firstName} ${c.pupil.lastName}`;
  const open = c.status === 'open';
  const mine = c.assignedTo === me.id;
  const wanted = gradeLevel(
    c.requestedGrade,
    t.levels[c.requestedLevel] ?? c.requestedLevel,
    c.requestedProfile,
  );
  const from = c.sendingSchool?.name ?? t.advisor.instromer;

  const assign = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/mediation/cases/{id}/assign', { params: { path: { id: c.id } }, body: {} }),
      ),
    onSuccess: () => {
      notifications.show({ color: 'green', message: a.assigned });
      void qc.invalidateQueries({ queryKey: keys.all });
    },
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });

  return (
    <>
      <PageHeader
        title={name}
        intro={a.intro(wanted, from, c.daysWaiting)}
        actions={
          <>
            <BackButton />
            {open && me.role === 'advisor' && !mine && (
              <Button
                onClick={() => assign.mutate()}
                loading={assign.isPending}
                leftSection={<IconUserCheck size={16} aria-hidden />}
              >
                {a.assignToMe}
              </Button>
            )}
            {open && (
              <Button
                variant="outline"
                color="red"
                onClick={() => setClosing(true)}
                disabled={c.requestStatus === 'proposed'}
              >
                {a.closeCase}
              </Button>
            )}
          </>
        }
      />

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <CaseState c={c} />
            {open && <Suggestions c={c} onPlace={setTarget} />}
            {open && <FullOffers c={c} onPlace={setTarget} />}
            <Proposals c={c} />
            <Notes c={c} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <Facts c={c} mine={mine} />
            <PupilSummary requestId={c.requestId} />
          </Stack>
        </Grid.Col>
      </Grid>

      <PlaceModal c={c} target={target} onClose={() => setTarget(null)} />
      <CloseModal c={c} opened={closing} onClose={() => setClosing(false)} />
    </>
  );
}

/** Where the case stands, above everything else: closed (how), or a proposal still open. */
function CaseState({ c }: { c: CaseDetail }) {
  const a = t.advisor.case;
  // The school of a placement is on the pupil's form (the case holds the offer only).
  const form = useDetail(c.outcome === 'placed' ? c.requestId : undefined);
  if (c.status === 'closed') {
    if (c.outcome === 'placed') {
      const school = form.data?.receivingSchoolName;
      return (
        <Alert color="green" variant="light" icon={<IconCheck aria-hidden />} role="status">
          <Text size="sm" fw={600}>
            {school ? a.closedPlaced(school) : a.closedPlacedNoSchool}
          </Text>
          {c.overCapacityReason && (
            <Text size="sm" mt={4}>
              {a.overCapacityNote(c.overCapacityReason)}
            </Text>
          )}
        </Alert>
      );
    }
    return (
      <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden />} role="status">
        <Text size="sm" fw={600}>
          {a.closedOther(t.advisor.caseStatus[c.outcome ?? 'other'] ?? '', formatDate(c.closedAt))}
        </Text>
        {c.outcomeNote && (
          <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
            {a.outcomeNote(c.outcomeNote)}
          </Text>
        )}
      </Alert>
    );
  }
  if (c.requestStatus === 'proposed')
    return (
      <Alert color="grape" variant="light" icon={<IconInfoCircle aria-hidden />}>
        {a.proposalOpen}
      </Alert>
    );
  return null;
}

function Facts({ c, mine }: { c: CaseDetail; mine: boolean }) {
  const a = t.advisor.case;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="sec-facts">
      <Title order={2} size="h4" id="sec-facts" mb="sm">
        {a.summaryTitle}
      </Title>
      <Box component="dl" m={0}>
        <Item label={a.statusLabel}>
          <CaseStatusBadge c={c} />
        </Item>
        <Item label={a.advisorLabel}>
          {c.assignedToName ? (
            mine ? (
              <Text component="span" size="sm" fw={600}>
                {a.assignedToMe}
              </Text>
            ) : (
              c.assignedToName
            )
          ) : (
            <Text component="span" size="sm" c="dimmed" fs="italic">
              {a.notAssigned}
            </Text>
          )}
        </Item>
        <Item label={a.openedLabel}>{a.openedOn(formatDate(c.createdAt), c.daysWaiting)}</Item>
        <Item label={a.originLabel}>{a.origin[c.origin] ?? c.origin}</Item>
        {c.status === 'open' && (
          <Item label={a.toSummerLabel}>{t.advisor.schoolDays(c.schoolDaysLeft)}</Item>
        )}
        <Item label={a.dossierLabel}>{c.requestId.slice(0, 8)}</Item>
      </Box>
    </Paper>
  );
}
