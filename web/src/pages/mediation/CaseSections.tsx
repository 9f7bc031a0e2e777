/** A case's proposals (with decline reasons), its notes as a timeline, and closing the case. */
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Radio,
  Stack,
  Table,
  Text,
  Textarea,
  Timeline,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconNote } from '@tabler/icons-react';
import { useState } from 'react';
import { api, ApiError, call } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { formatDate, formatDateTime, t } from '../../messages';
import {
  CLOSE_OUTCOMES,
  invalidateAfterPlacement,
  keys,
  type CaseDetail,
  type CloseOutcome,
} from './api';
import { Section, unclipped } from './parts';

const PROPOSAL_COLOURS: Record<string, string> = {
  pending: 'yellow',
  accepted: 'green',
  declined: 'red',
  withdrawn: 'gray',
};

export function Proposals({ c }: { c: CaseDetail }) {
  const a = t.advisor.case;
  return (
    <Section id="sec-proposals" title={a.proposalsTitle}>
      {c.proposals.length === 0 ? (
        <Text size="sm" c="dimmed">
          {a.proposalsEmpty}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table verticalSpacing="xs">
            <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
              {a.proposalsCaption}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{a.pcol.school}</Table.Th>
                <Table.Th scope="col">{a.pcol.place}</Table.Th>
                <Table.Th scope="col">{a.pcol.status}</Table.Th>
                <Table.Th scope="col">{a.pcol.reason}</Table.Th>
                <Table.Th scope="col">{a.pcol.date}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.proposals.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Th scope="row" fw={600}>
                    {p.schoolName}
                  </Table.Th>
                  <Table.Td>{p.program}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Badge
                      {...unclipped}
                      color={PROPOSAL_COLOURS[p.status] ?? 'gray'}
                      variant="light"
                      radius="sm"
                      tt="none"
                      fw={600}
                      c="dark.8"
                    >
                      {a.proposalStatus[p.status] ?? p.status}
                    </Badge>
                    {p.status === 'pending' && (
                      <Text size="xs" c="dimmed">
                        {a.respondBy(formatDate(p.respondBy))}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {p.declineReason ? (
                      <>
                        <Text size="sm">
                          {t.pupils.declineReasons[p.declineReason] ?? p.declineReason}
                        </Text>
                        {p.declineNote && (
                          <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                            {p.declineNote}
                          </Text>
                        )}
                      </>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(p.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}

export function Notes({ c }: { c: CaseDetail }) {
  const a = t.advisor.case;
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/mediation/cases/{id}/notes', {
          params: { path: { id: c.id } },
          body: { text: text.trim() },
        }),
      ),
    onSuccess: () => {
      setText('');
      setError(null);
      notifications.show({ color: 'green', message: a.noteAdded });
      void qc.invalidateQueries({ queryKey: keys.detail(c.id) });
      void qc.invalidateQueries({ queryKey: ['mediation', 'list'] });
    },
    onError: (err) => {
      const f = err instanceof ApiError ? err.fieldErrors().text : undefined;
      setError(f ? f.replace(/^text:\s*/, '') : errorMessage(err));
    },
  });

  return (
    <Section id="sec-notes" title={a.notesTitle}>
      {c.notes.length === 0 ? (
        <Text size="sm" c="dimmed" mb="md">
          {a.notesEmpty}
        </Text>
      ) : (
        <Timeline
          bulletSize={22}
          lineWidth={2}
          mb="lg"
          active={c.notes.length - 1}
          role="list"
          aria-label={a.notesLabel}
        >
          {c.notes.map((n) => (
            <Timeline.Item
              key={n.id}
              role="listitem"
              bullet={<IconNote size={12} aria-hidden />}
              title={
                <Text size="sm" fw={600} component="span">
                  {n.authorName ?? a.unknownAuthor}
                </Text>
              }
            >
              <Text size="xs" c="dimmed">
                {formatDateTime(n.createdAt)}
              </Text>
              <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                {n.text}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      <form
        noValidate
        className="no-print"
        onSubmit={(e) => {
          e.preventDefault();
          if (!text.trim()) {
            setError(a.noteEmpty);
            return;
          }
          add.mutate();
        }}
      >
        <Stack gap="sm">
          <Textarea
            label={a.noteLabel}
            description={a.noteHint}
            autosize
            minRows={3}
            maxRows={10}
            maxLength={5000}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              if (error) setError(null);
            }}
            error={error}
          />
          <Group>
            <Button type="submit" variant="default" loading={add.isPending}>
              {a.noteAdd}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

export function CloseModal({
  c,
  opened,
  onClose,
}: {
  c: CaseDetail;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={<Text fw={700}>{t.advisor.case.closeTitle}</Text>}
      centered
      size="lg"
    >
      {opened && <CloseForm c={c} onClose={onClose} />}
    </Modal>
  );
}

function CloseForm({ c, onClose }: { c: CaseDetail; onClose: () => void }) {
  const a = t.advisor.case;
  const qc = useQueryClient();
  const [outcome, setOutcome] = useState<CloseOutcome | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ outcome?: string; note?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const pupil = `${c.pupil.firstName} ${c.pupil.lastName}`;
  const noteNeeded = outcome === 'withdrawn' || outcome === 'other';

  const close = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/mediation/cases/{id}/close', {
          params: { path: { id: c.id } },
          body: { outcome: outcome as CloseOutcome, ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      ),
    onSuccess: () => {
      notifications.show({ color: 'green', message: a.closed(pupil) });
      void invalidateAfterPlacement(qc);
      onClose();
    },
    onError: (err) => {
      const f = err instanceof ApiError ? err.fieldErrors() : {};
      if (f.note) setErrors({ note: a.closeNoteMissing });
      else setError(errorMessage(err));
    },
  });

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const errs: typeof errors = {};
        if (!outcome) errs.outcome = a.closeChoose;
        if (noteNeeded && !note.trim()) errs.note = a.closeNoteMissing;
        setErrors(errs);
        setError(null);
        if (!errs.outcome && !errs.note) close.mutate();
      }}
    >
      <Stack gap="md">
        <Text size="sm">{a.closeBody(pupil)}</Text>
        <Radio.Group
          label={a.closeReason}
          required
          value={outcome}
          onChange={(v) => {
            setOutcome(v as CloseOutcome);
            setErrors((e) => ({ ...e, outcome: undefined }));
          }}
          error={errors.outcome}
        >
          <Stack gap="xs" mt="xs">
            {CLOSE_OUTCOMES.map((o) => (
              <Radio key={o} value={o} label={a.closeOutcome[o]} />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea
          label={a.closeNote}
          description={noteNeeded ? a.closeNoteRequired : a.closeNoteOptional}
          required={noteNeeded}
          autosize
          minRows={3}
          maxLength={2000}
          value={note}
          onChange={(e) => {
            setNote(e.currentTarget.value);
            setErrors((x) => ({ ...x, note: undefined }));
          }}
          error={errors.note}
        />
        {error && (
          <Alert color="red" role="alert" variant="light">
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={close.isPending}>
            {t.cancel}
          </Button>
          <Button type="submit" color="red" loading={close.isPending}>
            {a.closeConfirm}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
