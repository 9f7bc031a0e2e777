/** Small pieces the advisors' pages share: a case's status, a section, a term and its value. */
import { Badge, Box, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { IconListCheck } from '@tabler/icons-react';
import { formatDate, t } from '../../messages';
import type { CaseView } from './api';

const OUTCOME_COLOURS: Record<string, string> = {
  placed: 'green',
  withdrawn: 'gray',
  'moved-out': 'gray',
  'special-education': 'gray',
  other: 'gray',
};

/** Badge props that keep the whole word visible in a narrow table column (no ellipsis). */
export const unclipped = {
  style: { flexShrink: 0, maxWidth: 'none', overflow: 'visible' },
  styles: { label: { overflow: 'visible', textOverflow: 'clip' } },
} as const;

/** Open: "In bemiddeling" (or "Voorstel staat open"); closed: its outcome. Words, not colour alone. */
export function CaseStatusBadge({
  c,
}: {
  c: Pick<CaseView, 'status' | 'outcome' | 'requestStatus'>;
}) {
  const s = t.advisor.caseStatus;
  const [label, colour] =
    c.status === 'closed'
      ? [s[c.outcome ?? 'other'] ?? s.other, OUTCOME_COLOURS[c.outcome ?? 'other'] ?? 'gray']
      : c.requestStatus === 'proposed'
        ? [s.proposalOpen, 'grape']
        : c.requestStatus === 'submitted'
          ? [s.resubmitted, 'blue']
          : [t.status.mediation, 'orange'];
  return (
    <Badge color={colour} variant="light" radius="sm" tt="none" fw={600} c="dark.8" {...unclipped}>
      {label}
    </Badge>
  );
}

export function Section({
  id,
  title,
  actions,
  children,
}: {
  id: string;
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={id} className="avoid-break">
      <Box
        mb="md"
        style={{ display: 'flex', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap' }}
      >
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {actions}
      </Box>
      {children}
    </Paper>
  );
}

/** One term and its value of a <dl>. */
export function Item({ label, children }: { label: string; children: ReactNode }) {
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

// TODO(types): listExtended / listExtendedAt are being added to CaseView (issue 22).
interface ListExtension {
  listExtended?: boolean | null;
  listExtendedAt?: string | null;
}

/**
 * Whether the sending school added schools to the pupil's list after the round (issue 22):
 * "Lijst uitgebreid" (with the date as a tooltip title) or "Lijst niet uitgebreid", in words.
 * Nothing while the API does not tell, and nothing on a closed case that was never extended.
 */
export function ListExtendedBadge({ c }: { c: CaseView }) {
  const x = c as unknown as ListExtension;
  if (typeof x.listExtended !== 'boolean') return null;
  const d = t.advisor.desk;
  if (x.listExtended)
    return (
      <Badge
        color="teal"
        variant="light"
        radius="sm"
        tt="none"
        fw={600}
        c="dark.8"
        leftSection={<IconListCheck size={14} aria-hidden />}
        title={x.listExtendedAt ? d.listExtendedOn(formatDate(x.listExtendedAt)) : undefined}
        {...unclipped}
      >
        {d.listExtended}
      </Badge>
    );
  if (c.status === 'closed') return null;
  return (
    <Badge
      color="gray"
      variant="outline"
      radius="sm"
      tt="none"
      fw={500}
      c="dark.8"
      title={d.listNotExtendedHint}
      {...unclipped}
    >
      {d.listNotExtended}
    </Badge>
  );
}
