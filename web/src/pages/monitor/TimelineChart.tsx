/**
 * Pupils per status through the season: a line chart with a legend, a goal line, and its text
 * alternative (a summary sentence under it and the figures as a table to open).
 */
import { LineChart } from '@mantine/charts';
import { Alert, Box, Paper, ScrollArea, Table, Text } from '@mantine/core';
import type { CSSProperties } from 'react';
import { formatNumber, t } from '../../messages';
import { STATUS_STYLE, STATUSES, type Status, type Timeline, type TimelineDay } from './data';
import { formatDayMonth, formatDayMonthShort } from './format';
import { StatusLegend } from './StatusLegend';

const m = t.monitor;

const series = STATUSES.map((s) => ({
  name: s,
  label: m.series[s],
  color: STATUS_STYLE[s].color,
  strokeDasharray: STATUS_STYLE[s].dash,
}));

/** A round tick step giving 4–8 ticks: 1, 2, 5, 10, 20, 50, … */
function niceStep(max: number): number {
  for (let p = 1; ; p *= 10)
    for (const f of [1, 2, 5]) if ((max * 1.05) / (f * p) <= 7) return f * p;
}

function parts(counts: Record<Status, number>): string {
  return STATUSES.map((s) => m.timelinePart[s](counts[s])).join(', ');
}

export function TimelineChart({ timeline }: { timeline: Timeline }) {
  const days = timeline.days;
  if (days.length === 0)
    return (
      <Alert color="blue" variant="light">
        {m.timelineEmpty}
      </Alert>
    );
  const last = days[days.length - 1];
  const first = days[0];
  const target = timeline.goal.placed;
  const data = days.map((d) => ({ ...d, day: formatDayMonthShort(d.date) }));
  const max = Math.max(target, ...days.flatMap((d) => STATUSES.map((s) => d[s])));
  const step = niceStep(max);
  const ticks = Array.from({ length: Math.ceil((max * 1.05) / step) + 1 }, (_, i) => i * step);

  return (
    <>
      <Paper withBorder p="md">
        <Box aria-hidden>
          <LineChart
            h={300}
            data={data}
            dataKey="day"
            series={series}
            curveType="linear"
            withDots={days.length <= 20}
            strokeWidth={2.5}
            withLegend={false}
            // textColor leaks onto the DOM in LineChart 9.6; the variable does the same.
            style={{ '--chart-text-color': 'var(--mantine-color-gray-7)' } as CSSProperties}
            accessibilityLayer={false}
            gridAxis="x"
            yAxisProps={{ domain: [0, ticks[ticks.length - 1]], ticks, allowDecimals: false }}
            xAxisProps={{ minTickGap: 24 }}
            valueFormatter={(v) => formatNumber(v)}
            referenceLines={
              target > 0
                ? [
                    {
                      y: target,
                      label: m.goalLine(target),
                      color: 'gray.7',
                      labelPosition: 'insideTopLeft',
                      strokeDasharray: '2 4',
                    },
                  ]
                : []
            }
          />
        </Box>
        <StatusLegend />
      </Paper>
      <Text size="sm" mt="xs">
        {m.timelineSummary(formatDayMonth(last.date), parts(last))}{' '}
        {days.length > 1 && m.timelineTrend(formatDayMonth(first.date), first.placed, last.placed)}
      </Text>
      <DaysTable days={days} />
    </>
  );
}

function DaysTable({ days }: { days: TimelineDay[] }) {
  return (
    <details style={{ marginTop: 'var(--mantine-spacing-xs)' }}>
      <summary style={{ cursor: 'pointer' }}>
        <Text span size="sm" c="blue.8" fw={600}>
          {m.showTable}
        </Text>
      </summary>
      <ScrollArea.Autosize
        mah={320}
        mt="xs"
        type="auto"
        viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': m.timelineCaption }}
      >
        <Table captionSide="top" striped withTableBorder stickyHeader fz="sm" maw={640}>
          <caption style={{ textAlign: 'left' }}>{m.timelineCaption}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{m.dateColumn}</Table.Th>
              {STATUSES.map((s) => (
                <Table.Th scope="col" key={s} ta="right">
                  {m.series[s]}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...days].reverse().map((d) => (
              <Table.Tr key={d.date}>
                <Table.Th scope="row" fw={400}>
                  {formatDayMonth(d.date)}
                </Table.Th>
                {STATUSES.map((s) => (
                  <Table.Td key={s} ta="right">
                    {formatNumber(d[s])}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </details>
  );
}
