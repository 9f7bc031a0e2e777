/**
 * A completed round's report with names: totals, the priority rules it used, per school and
 * program the places, proposals, first choices, improvements and the cut-off (grens), and per
 * leerjaar × niveau the pupils and how many schools filled up.
 */
import { Alert, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { api, call } from '../../api/client';
import { Pager, QueryState } from '../../components/ui';
import { formatNumber, t } from '../../messages';
import { keys, type RoundNamedReport } from './api';

const m = t.office.round;
const SCHOOLS_PER_PAGE = 15;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A right-aligned column heading, for the numeric columns. */
function NumTh({ children }: { children: ReactNode }) {
  return (
    <Table.Th scope="col" ta="right">
      {children}
    </Table.Th>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="sm" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

export function RoundReportView({ roundId }: { roundId: string }) {
  const q = useQuery({
    queryKey: keys.roundReport(roundId),
    queryFn: () => call(api.GET('/api/rounds/{id}/report', { params: { path: { id: roundId } } })),
  });
  return (
    <QueryState isPending={q.isPending} error={q.error}>
      {q.data && <Report report={q.data} />}
    </QueryState>
  );
}

function Report({ report }: { report: RoundNamedReport }) {
  const tot = report.totals;
  const dry = report.dryRun;
  if (!tot.pupils)
    return (
      <Alert color="blue" variant="light">
        {m.noPupils}
      </Alert>
    );
  return (
    <Stack gap="xl">
      <section aria-labelledby="report-totals">
        <Title order={2} size="h4" id="report-totals" mb="sm">
          {m.totals}
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm">
          <Stat label={m.pupils} value={formatNumber(tot.pupils)} />
          <Stat label={m.capacity} value={formatNumber(tot.capacity)} />
          <Stat
            label={dry ? m.proposalsDry : m.proposals}
            value={formatNumber(tot.proposals)}
            hint={m.share(tot.proposals, tot.pupils)}
          />
          <Stat
            label={m.firstChoices}
            value={formatNumber(tot.firstChoices)}
            hint={m.share(tot.firstChoices, tot.pupils)}
          />
          <Stat
            label={m.improved}
            value={formatNumber(tot.improvedByCycles)}
            hint={m.improvedHint}
          />
          <Stat
            label={m.unplaced}
            value={formatNumber(tot.unplaced)}
            hint={dry ? m.unplacedHintDry : m.unplacedHint}
          />
          {!dry && <Stat label={m.placedSince} value={formatNumber(tot.placed)} />}
        </SimpleGrid>
      </section>

      <section aria-labelledby="report-rules">
        <Title order={2} size="h4" id="report-rules" mb="xs">
          {m.rules}
        </Title>
        {report.priorityRulesText.length ? (
          <Text component="ol" size="sm" m={0} pl="lg">
            {report.priorityRulesText.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </Text>
        ) : (
          <Text size="sm">{m.rulesNone}</Text>
        )}
      </section>

      <SchoolTable report={report} />
      <GradeLevelTable report={report} />
    </Stack>
  );
}

function SchoolTable({ report }: { report: RoundNamedReport }) {
  const [schoolId, setSchoolId] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const dry = report.dryRun;
  const rows = schoolId ? report.schools.filter((s) => s.schoolId === schoolId) : report.schools;
  const shown = rows.slice((page - 1) * SCHOOLS_PER_PAGE, page * SCHOOLS_PER_PAGE);

  return (
    <section aria-labelledby="report-schools">
      <Group justify="space-between" align="flex-end" mb="sm">
        <Stack gap={2}>
          <Title order={2} size="h4" id="report-schools">
            {m.perSchool}
          </Title>
          <Text size="sm" c="dimmed" maw={720}>
            {m.cutoffHint}
          </Text>
        </Stack>
        {report.schools.length > 1 && (
          <Select
            label={m.schoolFilter}
            placeholder={m.schoolFilterAll}
            data={report.schools.map((s) => ({ value: s.schoolId, label: s.schoolName }))}
            value={schoolId}
            onChange={(v) => {
              setSchoolId(v);
              setPage(1);
            }}
            searchable
            clearable
            w={300}
          />
        )}
      </Group>
      {!report.schools.length ? (
        <Alert color="blue" variant="light">
          {m.noSchools}
        </Alert>
      ) : (
        <>
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing={6} withTableBorder>
              <Table.Caption>{m.perSchoolCaption}</Table.Caption>
              <Table.Thead style={{ whiteSpace: 'nowrap' }}>
                <Table.Tr>
                  <Table.Th scope="col">{m.schoolProgram}</Table.Th>
                  <NumTh>{m.places}</NumTh>
                  <NumTh>{m.givenPlace}</NumTh>
                  {!dry && <NumTh>{m.accepted}</NumTh>}
                  <NumTh>{m.first}</NumTh>
                  <NumTh>{m.cycles}</NumTh>
                  <Table.Th scope="col">{m.cutoff}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              {shown.map((s) => (
                <Table.Tbody key={s.schoolId}>
                  <Table.Tr bg="gray.1">
                    <Table.Th scope="rowgroup">
                      <Text size="sm" fw={700} component="span">
                        {s.schoolName}
                      </Text>{' '}
                      <Text size="xs" c="dimmed" component="span">
                        {s.brin} · {m.schoolTotal}
                      </Text>
                    </Table.Th>
                    <Table.Td ta="right" fw={600}>
                      {s.capacity}
                    </Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {s.proposals}
                    </Table.Td>
                    {!dry && (
                      <Table.Td ta="right" fw={600}>
                        {s.placed}
                      </Table.Td>
                    )}
                    <Table.Td ta="right" fw={600}>
                      {s.firstChoices}
                    </Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {s.improvedByCycles}
                    </Table.Td>
                    <Table.Td />
                  </Table.Tr>
                  {s.programs.map((p) => (
                    <Table.Tr key={p.offerId}>
                      <Table.Th scope="row" fw={400} pl="xl">
                        {p.label}
                      </Table.Th>
                      <Table.Td ta="right">{p.capacity}</Table.Td>
                      <Table.Td ta="right">{p.proposals}</Table.Td>
                      {!dry && <Table.Td ta="right">{p.placed}</Table.Td>}
                      <Table.Td ta="right">{p.firstChoices}</Table.Td>
                      <Table.Td ta="right">{p.improvedByCycles}</Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={p.full ? 500 : 400}>
                          {capitalise(p.cutoffText)}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              ))}
            </Table>
          </Table.ScrollContainer>
          <Pager page={page} total={rows.length} limit={SCHOOLS_PER_PAGE} onChange={setPage} />
        </>
      )}
    </section>
  );
}

function GradeLevelTable({ report }: { report: RoundNamedReport }) {
  // Per leerjaar × niveau: how many of its programs filled up, and their last lottery numbers.
  const fill = useMemo(() => {
    const out = new Map<string, { programs: number; full: number; lotteries: number[] }>();
    for (const s of report.schools)
      for (const p of s.programs) {
        const key = `${p.grade}|${p.level}`;
        const f = out.get(key) ?? { programs: 0, full: 0, lotteries: [] };
        f.programs++;
        if (p.full && p.capacity > 0) {
          f.full++;
          if (p.cutoffLottery !== null) f.lotteries.push(p.cutoffLottery);
        }
        out.set(key, f);
      }
    return out;
  }, [report]);

  return (
    <section aria-labelledby="report-grade-levels">
      <Title order={2} size="h4" id="report-grade-levels" mb="sm">
        {m.perGradeLevel}
      </Title>
      {!report.gradeLevels.length ? (
        <Alert color="blue" variant="light">
          {m.noGradeLevels}
        </Alert>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped verticalSpacing={6} withTableBorder>
            <Table.Caption>{m.perGradeLevelCaption}</Table.Caption>
            <Table.Thead style={{ whiteSpace: 'nowrap' }}>
              <Table.Tr>
                <Table.Th scope="col">{m.grade}</Table.Th>
                <Table.Th scope="col">{m.level}</Table.Th>
                <NumTh>{m.asked}</NumTh>
                <NumTh>{m.notPlaced}</NumTh>
                <NumTh>{m.places}</NumTh>
                <NumTh>{m.givenPlace}</NumTh>
                <NumTh>{m.first}</NumTh>
                <NumTh>{m.cycles}</NumTh>
                <Table.Th scope="col">{m.fullAt}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.gradeLevels.map((g) => {
                const f = fill.get(`${g.grade}|${g.level}`);
                return (
                  <Table.Tr key={`${g.grade}|${g.level}`}>
                    <Table.Th scope="row" fw={500}>
                      {g.grade}
                    </Table.Th>
                    <Table.Td>{t.levels[g.level] ?? g.level}</Table.Td>
                    <Table.Td ta="right">{g.pupils}</Table.Td>
                    <Table.Td ta="right" fw={g.unplaced ? 600 : 400}>
                      {g.unplaced}
                    </Table.Td>
                    <Table.Td ta="right">{g.capacity}</Table.Td>
                    <Table.Td ta="right">{g.proposals}</Table.Td>
                    <Table.Td ta="right">{g.firstChoices}</Table.Td>
                    <Table.Td ta="right">{g.improvedByCycles}</Table.Td>
                    <Table.Td>{f ? m.fullAtText(f.full, f.programs, f.lotteries) : '—'}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}
