/**
 * Pupils per requested leerjaar × niveau and how far they are: stacked bars (status colours and
 * dash-free legend as above) and, as their text alternative, the same figures as a table.
 */
import { BarChart } from '@mantine/charts';
import { Box, Paper, Progress, Table, Text } from '@mantine/core';
import { gradeLevel } from '../../components/ui';
import { formatNumber, t } from '../../messages';
import { STATUS_STYLE, STATUSES, type GradeLevelRow } from './data';
import { formatShare } from './format';
import { StatusLegend } from './StatusLegend';

const m = t.monitor;

const series = STATUSES.map((s) => ({
  name: s,
  label: m.series[s],
  color: STATUS_STYLE[s].color,
}));

export function GradeLevelFigures({ rows }: { rows: GradeLevelRow[] }) {
  if (rows.length === 0)
    return (
      <Text size="sm" c="gray.7">
        {m.gradeLevelEmpty}
      </Text>
    );
  const data = rows.map((r) => ({
    what: gradeLevel(r.grade, r.level).replace('leerjaar ', ''),
    submitted: r.unplaced,
    proposed: r.proposed,
    placed: r.placed,
    mediation: r.mediation,
  }));
  return (
    <>
      <Paper withBorder p="md">
        <Box aria-hidden>
          <BarChart
            h={Math.max(160, rows.length * 30 + 40)}
            data={data}
            dataKey="what"
            type="stacked"
            orientation="vertical"
            series={series}
            withLegend={false}
            textColor="gray.7"
            accessibilityLayer={false}
            gridAxis="x"
            xAxisProps={{ allowDecimals: false }}
            yAxisProps={{ width: 110 }}
            valueFormatter={(v) => formatNumber(v)}
            barProps={{ isAnimationActive: false }}
          />
        </Box>
        <StatusLegend square />
      </Paper>
      <Table.ScrollContainer minWidth={720} mt="sm">
        <Table captionSide="top" striped withTableBorder fz="sm">
          <caption style={{ textAlign: 'left' }}>{m.gradeLevelCaption}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{m.col.grade}</Table.Th>
              <Table.Th scope="col">{m.col.level}</Table.Th>
              <Table.Th scope="col" ta="right">
                {m.col.total}
              </Table.Th>
              {STATUSES.map((s) => (
                <Table.Th scope="col" ta="right" key={s}>
                  {m.series[s]}
                </Table.Th>
              ))}
              <Table.Th scope="col">{m.col.share}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={`${r.grade}|${r.level}`}>
                <Table.Th scope="row" fw={400}>
                  {r.grade}
                </Table.Th>
                <Table.Td>{r.level}</Table.Td>
                <Table.Td ta="right">{formatNumber(r.total)}</Table.Td>
                <Table.Td ta="right">{formatNumber(r.unplaced)}</Table.Td>
                <Table.Td ta="right">{formatNumber(r.proposed)}</Table.Td>
                <Table.Td ta="right">{formatNumber(r.placed)}</Table.Td>
                <Table.Td ta="right">{formatNumber(r.mediation)}</Table.Td>
                <Table.Td>
                  <ShareCell share={r.placedShare} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}

/** "46,3%" with a small bar; the bar is decoration, the number is the figure. */
export function ShareCell({ share }: { share: number | null }) {
  if (share === null)
    return (
      <Text span size="sm" c="gray.7">
        {m.noPupils}
      </Text>
    );
  return (
    <Box style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
      <Text span size="sm" w={52} ta="right" style={{ flexShrink: 0 }}>
        {formatShare(share)}
      </Text>
      <Progress
        value={share * 100}
        color={STATUS_STYLE.placed.color}
        size="sm"
        w={90}
        aria-hidden
      />
    </Box>
  );
}
