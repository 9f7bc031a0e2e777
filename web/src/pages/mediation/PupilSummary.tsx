/**
 * The pupil's schoolwisselaarsformulier, read-only, for the advisor: who, from where to where,
 * why (onderbouwing), the support needs (special-category data, marked so) and the preferences.
 */
import { Alert, Anchor, Box, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link } from 'react-router';
import { gradeLevel, QueryState } from '../../components/ui';
import { formatDate, formatDateTime, t } from '../../messages';
import { useDetail, useRegionSchools } from '../pupils/api';
import { Item, Section } from './parts';

export function PupilSummary({ requestId }: { requestId: string }) {
  const q = useDetail(requestId);
  const schools = useRegionSchools();
  const p = t.pupils;
  const a = t.advisor.case;
  const nameOf = (id: string) => schools.data?.find((s) => s.id === id)?.name ?? p.thisSchool;
  const d = q.data;

  return (
    <Section
      id="sec-form"
      title={a.formTitle}
      actions={
        <Anchor component={Link} to={`/leerlingen/${requestId}`} size="sm" className="no-print">
          {a.openForm}
        </Anchor>
      }
    >
      <QueryState isPending={q.isPending} error={q.error}>
        {d && (
          <Stack gap="md">
            <SimpleGrid cols={2} component="dl" m={0} spacing="sm" verticalSpacing={0}>
              <Item label={p.field.dateOfBirth}>{formatDate(d.dateOfBirth)}</Item>
              <Item label={p.field.postcode}>{d.postcode}</Item>
              <Item label={p.field.sendingSchool}>
                {d.sendingSchoolName ?? t.advisor.instromer}
              </Item>
              <Item label={p.field.reason}>{p.reasons[d.reason] ?? d.reason}</Item>
              <Item label={p.col.from}>
                {gradeLevel(d.currentGrade, t.levels[d.currentLevel] ?? d.currentLevel)}
              </Item>
              <Item label={p.col.to}>
                {gradeLevel(
                  d.requestedGrade,
                  t.levels[d.requestedLevel] ?? d.requestedLevel,
                  d.requestedProfile,
                )}
              </Item>
            </SimpleGrid>

            <Box>
              <Title order={3} size="h5" mb={4}>
                {p.section.justification}
              </Title>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {d.justification || p.notFilled}
              </Text>
            </Box>

            <Box>
              <Title order={3} size="h5" mb={6}>
                {p.section.support}
              </Title>
              <Alert
                color="yellow"
                variant="light"
                icon={<IconLock aria-hidden />}
                p="xs"
                mb="sm"
                title={a.sensitiveTitle}
              >
                <Text size="xs">{a.sensitiveBody}</Text>
              </Alert>
              <Box component="dl" m={0}>
                <Item label={p.field.supportCategories}>
                  {d.supportCategories.length
                    ? d.supportCategories.map((c) => p.supportCategories[c] ?? c).join(', ')
                    : p.none}
                </Item>
                <Item label={p.field.supportNeeds}>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{d.supportNeeds || p.none}</span>
                </Item>
              </Box>
            </Box>

            <Box>
              <Title order={3} size="h5" mb={4}>
                {p.section.preferences}
              </Title>
              {d.preferences.length ? (
                <List type="ordered" size="sm" spacing={2}>
                  {d.preferences.map((id) => (
                    <List.Item key={id}>{nameOf(id)}</List.Item>
                  ))}
                </List>
              ) : (
                <Text size="sm">{p.prefEmpty}</Text>
              )}
            </Box>

            <Box>
              <Title order={3} size="h5" mb={4}>
                {p.section.consent}
              </Title>
              <Text size="sm">
                {d.consentBy && d.consentRecordedAt
                  ? p.consentRecorded(p.consentBy[d.consentBy], formatDateTime(d.consentRecordedAt))
                  : p.consentBy['']}
              </Text>
            </Box>
          </Stack>
        )}
      </QueryState>
    </Section>
  );
}
