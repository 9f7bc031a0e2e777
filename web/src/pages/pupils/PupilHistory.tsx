/** The pupil's history as a timeline, oldest first: status changes and proposals, in Dutch. */
import { Text, Timeline } from '@mantine/core';
import {
  IconArrowBackUp,
  IconCheck,
  IconClock,
  IconFilePlus,
  IconHandStop,
  IconListNumbers,
  IconPencil,
  IconSend,
  IconSchool,
  IconUsers,
  IconX,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { QueryState } from '../../components/ui';
import { formatDateTime, t } from '../../messages';
import { useHistory, type HistoryEntry } from './api';

const ICONS: Record<string, ReactNode> = {
  created: <IconFilePlus size={12} aria-hidden />,
  updated: <IconPencil size={12} aria-hidden />,
  'list.extended': <IconListNumbers size={12} aria-hidden />,
  submitted: <IconSend size={12} aria-hidden />,
  withdrawn: <IconHandStop size={12} aria-hidden />,
  proposed: <IconSchool size={12} aria-hidden />,
  mediation: <IconUsers size={12} aria-hidden />,
  'mediation.opened': <IconUsers size={12} aria-hidden />,
  placed: <IconCheck size={12} aria-hidden />,
  returned: <IconArrowBackUp size={12} aria-hidden />,
  'proposal.created': <IconSchool size={12} aria-hidden />,
  'proposal.accepted': <IconCheck size={12} aria-hidden />,
  'proposal.declined': <IconX size={12} aria-hidden />,
  'proposal.lapsed': <IconX size={12} aria-hidden />,
  'proposal.overdue': <IconClock size={12} aria-hidden />,
};

const COLOURS: Record<string, string> = {
  placed: 'green',
  'proposal.accepted': 'green',
  'proposal.declined': 'red',
  'proposal.overdue': 'orange',
  mediation: 'orange',
  'mediation.opened': 'orange',
  withdrawn: 'gray',
  'proposal.lapsed': 'gray',
};

const near = (a: HistoryEntry, b: HistoryEntry) =>
  Math.abs(new Date(a.at).getTime() - new Date(b.at).getTime()) < 5 * 60_000;

/**
 * One step, one line: successive "gegevens gewijzigd" by the same role become the latest; the
 * round's status change beside the proposal it made, and the acceptance beside the placement,
 * say the same thing twice, so only the one that names the school stays.
 */
function collapse(entries: HistoryEntry[]): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (const e of entries) {
    const prev = out[out.length - 1];
    if (e.kind === 'updated' && prev?.kind === 'updated' && prev.actorRole === e.actorRole) {
      out[out.length - 1] = e;
      continue;
    }
    if (e.kind === 'proposed' && entries.some((x) => x.kind === 'proposal.created' && near(x, e)))
      continue;
    if (e.kind === 'proposal.accepted' && entries.some((x) => x.kind === 'placed' && near(x, e)))
      continue;
    out.push(e);
  }
  return out;
}

export function PupilHistory({ id }: { id: string }) {
  const q = useHistory(id);
  const entries = collapse(q.data ?? []);
  return (
    <QueryState isPending={q.isPending} error={q.error}>
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t.pupils.historyEmpty}
        </Text>
      ) : (
        <Timeline
          active={entries.length - 1}
          bulletSize={22}
          lineWidth={2}
          role="list"
          aria-label={t.pupils.historyLabel}
        >
          {entries.map((e, i) => {
            const title = t.pupils.history[e.kind]?.(e.schoolName) ?? e.kind;
            return (
              <Timeline.Item
                key={`${e.at}-${i}`}
                role="listitem"
                bullet={ICONS[e.kind]}
                color={COLOURS[e.kind]}
                title={
                  <Text size="sm" fw={600} component="span">
                    {title}
                  </Text>
                }
              >
                {e.reason && (
                  <Text size="sm">
                    {t.pupils.historyReason(t.pupils.declineReasons[e.reason] ?? e.reason)}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  {formatDateTime(e.at)}
                  {e.actorRole ? ` · ${t.pupils.actor[e.actorRole] ?? ''}` : ''}
                </Text>
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
    </QueryState>
  );
}
