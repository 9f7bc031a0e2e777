/**
 * The proposals rounds made for this form, oldest first: the way from a form to its proposals.
 * Advisors and admins open each one; the sending school sees the school, the place and the answer.
 */
import { Anchor, Badge, Box, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import { gradeLevel } from '../../components/ui';
import { formatDate, t } from '../../messages';
import type { Schemas } from '../../api/client';

type Ref = Schemas['TransferRequestProposalRef'];

export function FormProposals({ proposals, linked }: { proposals: Ref[]; linked: boolean }) {
  if (!proposals.length)
    return (
      <Text size="sm" c="dimmed">
        {t.pupils.proposalsEmpty}
      </Text>
    );
  return (
    <Box
      component="ol"
      aria-label={t.pupils.proposalsLabel}
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
    >
      {proposals.map((p) => {
        const place = gradeLevel(p.grade, t.levels[p.level] ?? p.level, p.profile);
        const line = t.pupils.proposalLine(p.schoolName, place);
        return (
          <Box component="li" key={p.id} mb="xs">
            <Group gap="xs" wrap="wrap">
              {linked ? (
                <Anchor component={Link} to={`/voorstellen/${p.id}`} size="sm" fw={600}>
                  {line}
                </Anchor>
              ) : (
                <Text size="sm" fw={600}>
                  {line}
                </Text>
              )}
              <Badge variant="light" color="gray" c="dark.8" radius="sm" tt="none">
                {t.proposalStatus[p.status] ?? p.status}
              </Badge>
            </Group>
            {p.status === 'pending' && (
              <Text size="xs" c="dimmed">
                {t.pupils.proposalRespondBy(formatDate(p.respondBy))}
              </Text>
            )}
          </Box>
        );
      })}
    </Box>
  );
}
