/** Small pieces of the rounds pages: the status badge, a round's name and date. */
import { Badge } from '@mantine/core';
import {
  IconCalendarTime,
  IconCircleCheck,
  IconCircleX,
  IconClockHour4,
  IconLoader2,
  IconBan,
} from '@tabler/icons-react';
import { formatDateTime, t } from '../../messages';
import type { RoundView } from './api';

const COLOURS: Record<string, string> = {
  scheduled: 'gray',
  queued: 'yellow',
  running: 'blue',
  completed: 'green',
  failed: 'red',
  cancelled: 'dark',
};
const ICONS: Record<string, typeof IconCircleCheck> = {
  scheduled: IconCalendarTime,
  queued: IconClockHour4,
  running: IconLoader2,
  completed: IconCircleCheck,
  failed: IconCircleX,
  cancelled: IconBan,
};

/** A round's status as a word with an icon (never colour alone). */
export function RoundStatusBadge({ status }: { status: string }) {
  const Icon = ICONS[status] ?? IconClockHour4;
  return (
    <Badge
      color={COLOURS[status] ?? 'gray'}
      variant="light"
      radius="sm"
      tt="none"
      fw={600}
      c="dark.8"
      leftSection={<Icon size={12} aria-hidden />}
      styles={{ label: { overflow: 'visible' } }}
    >
      {t.office.status[status] ?? status}
    </Badge>
  );
}

export const isActive = (r: Pick<RoundView, 'status'>) =>
  r.status === 'queued' || r.status === 'running';

/** The moment that names a round: when it is planned, else when it started, else created. */
export function roundMoment(r: RoundView): string | null {
  return (r.scheduledFor ?? r.startedAt ?? r.finishedAt ?? null) as string | null;
}

/** "Ronde van 21 jun. 2027 09:00" / "Proefronde van …" / "Ronde gepland op …". */
export function roundTitle(r: RoundView): string {
  const when = formatDateTime(roundMoment(r));
  if (r.status === 'scheduled') return t.office.round.titlePlanned(when);
  return t.office.round.title(r.dryRun, when === '—' ? t.office.status[r.status] : when);
}
