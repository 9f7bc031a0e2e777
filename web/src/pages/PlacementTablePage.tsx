/**
 * /plaatsingstafel: the placement meeting of one board (bestuur). Its schools' free places beside
 * the region's pupils without a place who ask for one of those leerjaar × niveau combinations.
 * Coordinators (only their own board) see other schools' pupils anonymously, as the API gives them
 * (need to know): dossiernummer, leerjaar, niveau, profiel, sending school, days waiting; their own
 * school's pupils, and for advisors and admins every pupil, also by name (linked to the case). Printable
 * ("Afdrukken": menus hidden, tables full width, a page per section; rules in styles.css under
 * "plaatsingstafel print") and exportable as CSV, built here from the data shown.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import { useEffect, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../auth/session';
import { useWorkspace } from '../auth/workspace';
import { gradeLevel, PageHeader, QueryState } from '../components/ui';
import { formatDate, formatNumber, t } from '../messages';
import { usePlacementTable, useSchoolsWithBoards, type PlacementTable } from './mediation/api';
import { downloadCsv, toCsv } from './mediation/csv';
import { unclipped } from './mediation/parts';

type Pupil = PlacementTable['pupils'][number];
type Offer = PlacementTable['offers'][number];

const dossier = (p: Pupil) => p.caseNumber;
/** The name when the caller may know it (the API leaves it out otherwise). */
const nameOf = (p: Pupil) =>
  p.firstName !== null && p.lastName !== null ? `${p.firstName} ${p.lastName}` : null;

/** The board's schools with a free place that fits the pupil's request, by name. */
function fitting(p: Pupil, offers: Offer[]): string[] {
  const names = offers
    .filter(
      (o) =>
        o.grade === p.requestedGrade &&
        o.level === p.requestedLevel &&
        (o.profile === '' || o.profile === p.requestedProfile),
    )
    .map((o) => o.schoolName);
  return [...new Set(names)];
}

export default function PlacementTablePage() {
  const me = useMe();
  const ws = useWorkspace();
  const schools = useSchoolsWithBoards();
  const [params, setParams] = useSearchParams();
  const tt = t.advisor.table;
  const isCoordinator = me.role === 'coordinator';

  // A coordinator may open only the board of one of their own schools.
  const boards = useMemo(() => {
    const rows = schools.data ?? [];
    const own = isCoordinator ? rows.filter((s) => me.schoolIds.includes(s.id)) : rows;
    return [...new Set(own.map((s) => s.board).filter(Boolean))].sort((a, b) =>
      a.localeCompare(b, 'nl'),
    );
  }, [schools.data, isCoordinator, me.schoolIds]);

  const asked = params.get('bestuur') ?? '';
  const board = boards.includes(asked) ? asked : isCoordinator ? (boards[0] ?? '') : '';
  const setBoard = (b: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (b) next.set('bestuur', b);
        else next.delete('bestuur');
        return next;
      },
      { replace: true },
    );

  const table = usePlacementTable(ws.season?.id, board);

  useEffect(() => {
    if (board) document.title = `${tt.title}: ${board} · ${t.appName}`;
  }, [board, tt.title]);

  if (!ws.loading && !ws.season)
    return (
      <>
        <PageHeader title={tt.title} />
        <Alert color="blue">{t.noSeason}</Alert>
      </>
    );

  const data = table.data;
  const onCsv = () => {
    if (!data) return;
    downloadCsv(
      tt.csvFile(data.board, data.season.name),
      buildCsv(
        data,
        data.pupils.some((p) => nameOf(p) !== null),
      ),
    );
  };

  return (
    <div className="placement-table-print">
      <PageHeader
        title={tt.title}
        intro={isCoordinator ? tt.introCoordinator : tt.intro}
        actions={
          data ? (
            <Group gap="sm" className="no-print">
              <Button
                variant="default"
                leftSection={<IconPrinter size={16} aria-hidden />}
                onClick={() => window.print()}
              >
                {tt.print}
              </Button>
              <Button
                variant="default"
                leftSection={<IconDownload size={16} aria-hidden />}
                onClick={onCsv}
              >
                {tt.csv}
              </Button>
            </Group>
          ) : undefined
        }
      />

      <Paper withBorder p="md" mb="md" className="no-print">
        <QueryState isPending={schools.isPending} error={schools.error}>
          {boards.length === 0 ? (
            <Text size="sm">{tt.noBoards}</Text>
          ) : (
            <Select
              label={tt.board}
              description={tt.boardHint}
              placeholder={tt.boardPlaceholder}
              data={boards}
              value={board || null}
              onChange={setBoard}
              searchable
              allowDeselect={false}
              nothingFoundMessage={t.none}
              maw={480}
            />
          )}
        </QueryState>
      </Paper>

      {!board ? (
        boards.length > 0 && (
          <Alert color="blue" variant="light">
            {tt.chooseBoard}
          </Alert>
        )
      ) : (
        <QueryState isPending={table.isPending} error={table.error}>
          {data && (
            <TableView data={data} showNames={data.pupils.some((p) => nameOf(p) !== null)} />
          )}
        </QueryState>
      )}
    </div>
  );
}

function TableView({ data, showNames }: { data: PlacementTable; showNames: boolean }) {
  const tt = t.advisor.table;
  const totalFree = data.offers.reduce((n, o) => n + o.remaining, 0);
  return (
    <Stack gap="md">
      <div className="pt-print-only">
        <Title order={2} size="h3">
          {tt.heading(data.board, data.season.name)}
        </Title>
        <Text size="sm">{tt.printedOn(formatDate(new Date()))}</Text>
      </div>
      <Text size="sm" c="dimmed">
        {tt.schools(data.schools.map((s) => s.name).join(', '))}
      </Text>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 9 }} className="pt-section">
          <Paper withBorder p="md" component="section" aria-labelledby="pt-pupils">
            <Title order={2} size="h4" id="pt-pupils" mb="sm">
              {tt.pupilsTitle(data.pupils.length)}
            </Title>
            {data.pupils.length === 0 ? (
              <Text size="sm" c="dimmed">
                {tt.pupilsEmpty}
              </Text>
            ) : (
              <Pupils data={data} showNames={showNames} />
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 3 }} className="pt-section">
          <Paper withBorder p="md" component="section" aria-labelledby="pt-offers">
            <Title order={2} size="h4" id="pt-offers" mb="sm">
              {tt.offersTitle(totalFree)}
            </Title>
            {data.offers.length === 0 ? (
              <Text size="sm" c="dimmed">
                {tt.offersEmpty}
              </Text>
            ) : (
              <Offers data={data} />
            )}
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Pupils({ data, showNames }: { data: PlacementTable; showNames: boolean }) {
  const tt = t.advisor.table;
  return (
    <Table.ScrollContainer minWidth={showNames ? 720 : 620}>
      <Table verticalSpacing="xs" striped>
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
          {tt.pupilsCaption(data.board)}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{tt.col.dossier}</Table.Th>
            {showNames && <Table.Th scope="col">{tt.col.name}</Table.Th>}
            <Table.Th scope="col">{tt.col.wanted}</Table.Th>
            <Table.Th scope="col">{tt.col.from}</Table.Th>
            <Table.Th scope="col" className="num">
              {tt.col.daysWaiting}
            </Table.Th>
            <Table.Th scope="col">{tt.col.status}</Table.Th>
            <Table.Th scope="col">{tt.col.fits}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.pupils.map((p) => {
            const name = nameOf(p);
            return (
              <Table.Tr key={p.caseNumber}>
                <Table.Th scope="row" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {dossier(p)}
                </Table.Th>
                {showNames && (
                  <Table.Td>
                    {name === null ? (
                      <Text size="sm" c="dimmed">
                        {tt.anonymous}
                      </Text>
                    ) : p.mediationCaseId ? (
                      <Anchor component={Link} to={`/bemiddeling/${p.mediationCaseId}`} size="sm">
                        {name}
                      </Anchor>
                    ) : p.requestId ? (
                      <Anchor component={Link} to={`/leerlingen/${p.requestId}`} size="sm">
                        {name}
                      </Anchor>
                    ) : (
                      name
                    )}
                  </Table.Td>
                )}
                <Table.Td>
                  {gradeLevel(
                    p.requestedGrade,
                    t.levels[p.requestedLevel] ?? p.requestedLevel,
                    p.requestedProfile,
                  )}
                </Table.Td>
                <Table.Td>{p.sendingSchool?.name ?? t.advisor.instromer}</Table.Td>
                <Table.Td className="num">{tt.days(p.daysWaiting)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Badge
                    {...unclipped}
                    color={p.inMediation ? 'orange' : 'blue'}
                    variant="light"
                    radius="sm"
                    tt="none"
                    fw={600}
                    c="dark.8"
                  >
                    {p.inMediation ? tt.statusMediation : tt.statusSubmitted}
                  </Badge>
                </Table.Td>
                <Table.Td>{fitting(p, data.offers).join(', ')}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The free places grouped by school: a row per school, then its leerjaar × niveau rows. */
function Offers({ data }: { data: PlacementTable }) {
  const tt = t.advisor.table;
  const bySchool = new Map<string, Offer[]>();
  for (const o of data.offers) bySchool.set(o.schoolId, [...(bySchool.get(o.schoolId) ?? []), o]);
  return (
    <Table verticalSpacing={6}>
      <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
        {tt.offersCaption(data.board)}
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{tt.col.place}</Table.Th>
          <Table.Th scope="col" className="num">
            {tt.col.free}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      {[...bySchool.values()].map((offers) => (
        <Table.Tbody key={offers[0].schoolId}>
          <Table.Tr bg="gray.1">
            <Table.Th scope="rowgroup" colSpan={2}>
              {offers[0].schoolName}
            </Table.Th>
          </Table.Tr>
          {offers.map((o) => (
            <Table.Tr key={o.offerId}>
              <Table.Th scope="row" fw={400} pl="lg">
                {t.grade(o.grade)} {t.levels[o.level] ?? o.level}
                {o.profile ? ` (${o.profile})` : ''}
              </Table.Th>
              <Table.Td className="num">{formatNumber(o.remaining)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      ))}
    </Table>
  );
}

/** The CSV of what the page shows: the pupils, then the free places, each with Dutch headers. */
function buildCsv(data: PlacementTable, withNames: boolean): string {
  const c = t.advisor.table.col;
  const tt = t.advisor.table;
  const pupils = [
    [
      c.dossier,
      ...(withNames ? [c.name] : []),
      c.grade,
      c.level,
      c.profile,
      c.from,
      c.daysWaiting,
      c.status,
      c.fits,
    ],
    ...data.pupils.map((p) => [
      dossier(p),
      ...(withNames ? [nameOf(p) ?? tt.anonymous] : []),
      p.requestedGrade,
      t.levels[p.requestedLevel] ?? p.requestedLevel,
      p.requestedProfile,
      p.sendingSchool?.name ?? t.advisor.instromer,
      p.daysWaiting,
      p.inMediation ? tt.statusMediation : tt.statusSubmitted,
      fitting(p, data.offers).join(', '),
    ]),
  ];
  const offers = [
    [c.school, c.grade, c.level, c.profile, tt.csvFree],
    ...data.offers.map((o) => [
      o.schoolName,
      o.grade,
      t.levels[o.level] ?? o.level,
      o.profile,
      o.remaining,
    ]),
  ];
  return toCsv([
    [[tt.csvPupils], ...pupils],
    [[tt.csvOffers], ...offers],
  ]);
}
