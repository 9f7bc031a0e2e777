/** Small pieces the advisors' pages share: a case's status, a section, a term and its value. */
import { Badge, Box, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { t } from '../../messages';
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
