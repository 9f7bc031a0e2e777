/**
 * /seizoenen: the region's transfer seasons with their calendars; /seizoenen/nieuw and
 * /seizoenen/:id: the calendar of one season, edited with the school days between the steps.
 */
import { Alert, Badge, Button, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { currentSeason, loadAllSeasons } from '../auth/workspace';
import { PageHeader, QueryState } from '../components/ui';
import { formatDate, t } from '../messages';
import { keys, type SeasonView } from './office/api';
import { SeasonEditor } from './office/SeasonEditor';

const m = t.office.seasons;

function useSeasons() {
  return useQuery({
    queryKey: [...keys.seasons, 'office'],
    queryFn: loadAllSeasons,
  });
}

/** The next season's name: one school year after the newest, or after this calendar year. */
function nextName(seasons: SeasonView[]): string {
  const newest = Math.max(
    new Date().getFullYear(),
    ...seasons.map((s) => Number(s.name.slice(0, 4)) + 1).filter(Number.isFinite),
  );
  return `${newest}-${newest + 1}`;
}

export default function SeasonsPage() {
  const { id } = useParams();
  const q = useSeasons();
  if (id) {
    const season = id === 'nieuw' ? null : q.data?.find((s) => s.id === id);
    return (
      <QueryState isPending={q.isPending} error={q.error}>
        {season === undefined ? (
          <>
            <PageHeader title={m.title} />
            <Alert color="yellow" variant="light">
              {m.notFound}{' '}
              <Text component={Link} to="/seizoenen" size="sm" td="underline" inherit>
                {m.backToList}
              </Text>
            </Alert>
          </>
        ) : (
          <SeasonEditor key={id} season={season} suggestedName={nextName(q.data ?? [])} />
        )}
      </QueryState>
    );
  }
  return <SeasonList seasons={q.data} isPending={q.isPending} error={q.error} />;
}

function SeasonList({
  seasons,
  isPending,
  error,
}: {
  seasons: SeasonView[] | undefined;
  isPending: boolean;
  error: unknown;
}) {
  const now = currentSeason(seasons ?? []);
  return (
    <>
      <PageHeader
        title={m.title}
        intro={m.intro}
        actions={
          <Button
            component={Link}
            to="/seizoenen/nieuw"
            leftSection={<IconPlus size={16} aria-hidden />}
          >
            {m.create}
          </Button>
        }
      />
      <QueryState isPending={isPending} error={error}>
        {!seasons?.length ? (
          <Alert color="blue" variant="light">
            {m.empty}
          </Alert>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover verticalSpacing="sm">
              <Table.Caption>{m.caption}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{m.name}</Table.Th>
                  <Table.Th scope="col">{m.entry}</Table.Th>
                  <Table.Th scope="col">{m.rounds}</Table.Th>
                  <Table.Th scope="col">{m.responseWindow}</Table.Th>
                  <Table.Th scope="col">{m.summer}</Table.Th>
                  <Table.Th scope="col">{m.endsOnColumn}</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>{m.actions}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {seasons.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Th scope="row" style={{ whiteSpace: 'nowrap' }}>
                      <Text fw={600} size="sm">
                        {s.name}
                      </Text>
                      {now?.id === s.id && (
                        <Badge
                          styles={{ label: { overflow: 'visible' } }}
                          variant="light"
                          color="green"
                          tt="none"
                          c="dark.8"
                          mt={4}
                        >
                          {m.current}
                        </Badge>
                      )}
                    </Table.Th>
                    <Table.Td>
                      {m.range(formatDate(s.entryOpens), formatDate(s.entryCloses))}
                    </Table.Td>
                    <Table.Td>
                      {s.roundDates.length ? (
                        <Text
                          size="sm"
                          component="ul"
                          m={0}
                          pl="md"
                          style={{ whiteSpace: 'nowrap' }}
                        >
                          {s.roundDates.map((d) => (
                            <li key={d}>{formatDate(d)}</li>
                          ))}
                        </Text>
                      ) : (
                        m.noRounds
                      )}
                    </Table.Td>
                    <Table.Td>{t.office.schoolDays(s.responseSchoolDays)}</Table.Td>
                    <Table.Td>{formatDate(s.summerHolidayStart)}</Table.Td>
                    <Table.Td>{formatDate(s.endsOn)}</Table.Td>
                    <Table.Td>
                      <Button
                        component={Link}
                        to={`/seizoenen/${s.id}`}
                        variant="light"
                        size="xs"
                        aria-label={m.editLabel(s.name)}
                      >
                        {m.edit}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </>
  );
}
