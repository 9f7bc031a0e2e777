/**
 * Shortage and surplus of places per leerjaar × niveau as a heat map: a real table (leerjaren as
 * rows, niveaus as columns) whose cells say the difference in words and numbers; the colour only
 * repeats it (orange = shortage, blue = surplus, safe for colour-blind readers), with a legend.
 */
import { Box, Group, Paper, Table, Text, VisuallyHidden } from '@mantine/core';
import { gradeLevel } from '../../components/ui';
import { t } from '../../messages';
import { cellKey, type HeatCell, type HeatGrid, type Tone } from './data';

const m = t.monitor;

const TONE_BG: Record<Tone, string> = {
  shortageHigh: 'var(--mantine-color-orange-4)',
  shortageLow: 'var(--mantine-color-orange-1)',
  balanced: 'var(--mantine-color-gray-2)',
  surplusLow: 'var(--mantine-color-blue-1)',
  surplusHigh: 'var(--mantine-color-blue-3)',
};
const NONE_BG =
  'repeating-linear-gradient(135deg, var(--mantine-color-white) 0 6px, var(--mantine-color-gray-1) 6px 8px)';

function verdict(c: HeatCell): string {
  if (c.balance === null) return c.exists ? m.noFigures : m.notOffered;
  if (c.balance < 0) return m.shortage(-c.balance);
  if (c.balance > 0) return m.surplus(c.balance);
  return m.balanced;
}

function Cell({ c }: { c: HeatCell | undefined }) {
  if (!c || c.balance === null)
    return (
      <Table.Td ta="center" style={{ background: NONE_BG }}>
        <Text span size="sm" c="gray.7" aria-hidden>
          —
        </Text>
        <VisuallyHidden>{c ? verdict(c) : m.noFigures}</VisuallyHidden>
      </Table.Td>
    );
  return (
    <Table.Td ta="center" style={{ background: TONE_BG[c.tone!] }}>
      <Text size="sm" fw={700} c="dark.9" lh={1.3}>
        {verdict(c)}
      </Text>
      <Text size="xs" c="dark.7" lh={1.3}>
        {m.cellSeeking(c.seeking)}
        <br />
        {m.cellFree(c.free)}
      </Text>
    </Table.Td>
  );
}

function LegendItem({ bg, label }: { bg: string; label: string }) {
  return (
    <Group gap={6} wrap="nowrap" component="li">
      <Box
        aria-hidden
        w={18}
        h={18}
        style={{ background: bg, border: '1px solid var(--mantine-color-gray-5)', flexShrink: 0 }}
      />
      <Text size="xs">{label}</Text>
    </Group>
  );
}

export function HeatMap({ grid }: { grid: HeatGrid }) {
  return (
    <>
      <Paper withBorder>
        <Table.ScrollContainer minWidth={grid.levels.length * 110 + 110}>
          <Table withColumnBorders verticalSpacing={6} horizontalSpacing={6} layout="fixed">
            <VisuallyHidden component="caption">{m.heatCaption}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" w={110}>
                  {m.heatCorner}
                </Table.Th>
                {grid.levels.map((l) => (
                  <Table.Th scope="col" key={l} ta="center" title={t.levels[l]}>
                    {l}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {grid.grades.map((g) => (
                <Table.Tr key={g}>
                  <Table.Th scope="row">{m.heatRow(g)}</Table.Th>
                  {grid.levels.map((l) => (
                    <Cell key={l} c={grid.cells.get(cellKey(g, l))} />
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Box mt="xs">
        <Text size="xs" fw={600} id="heat-legend">
          {m.legendTitle}
        </Text>
        <Group
          gap="md"
          mt={4}
          component="ul"
          aria-labelledby="heat-legend"
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
        >
          <LegendItem bg={TONE_BG.shortageHigh} label={m.legend.shortageHigh} />
          <LegendItem bg={TONE_BG.shortageLow} label={m.legend.shortageLow} />
          <LegendItem bg={TONE_BG.balanced} label={m.legend.balanced} />
          <LegendItem bg={TONE_BG.surplusLow} label={m.legend.surplusLow} />
          <LegendItem bg={TONE_BG.surplusHigh} label={m.legend.surplusHigh} />
          <LegendItem bg={NONE_BG} label={m.legend.none} />
        </Group>
      </Box>
      <Text size="sm" mt="sm">
        {m.heatShortages(grid.shortages.length)}
        {grid.shortages.map((c) => `${gradeLevel(c.grade, c.level)} (${-c.balance!})`).join(', ')}
        {grid.shortages.length > 0 && '.'}
      </Text>
    </>
  );
}
