/**
 * The season's headline: the share placed before the summer holiday against the goal (100%), the
 * school days left, and today's count per status (with the chart's colours, so it doubles as the
 * chart's key).
 */
import { Box, Grid, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { formatDate, formatNumber, t } from '../../messages';
import { countOf, STATUS_STYLE, STATUSES, type MonitorView } from './data';
import { formatShare } from './format';
import { Swatch } from './StatusLegend';

const m = t.monitor;

/**
 * The share as a ring. Drawn here rather than with Mantine's RingProgress, which brings Tooltip
 * (and more of floating-ui) along and would grow the first page's chunk.
 */
function Ring({ share, label, ariaLabel }: { share: number; label: string; ariaLabel: string }) {
  const size = 156;
  const stroke = 14;
  const r = (size - stroke) / 2;
  const length = 2 * Math.PI * r;
  const filled = Math.min(1, Math.max(0, share)) * length;
  return (
    <Box
      pos="relative"
      w={size}
      h={size}
      style={{ flexShrink: 0 }}
      role="img"
      aria-label={ariaLabel}
    >
      <svg width={size} height={size} aria-hidden style={{ transform: 'rotate(-90deg)' }}>
        <circle
          cx={size / 2}
          cy={size / 2}
          r={r}
          fill="none"
          stroke="var(--mantine-color-gray-2)"
          strokeWidth={stroke}
        />
        {filled > 0 && (
          <circle
            cx={size / 2}
            cy={size / 2}
            r={r}
            fill="none"
            stroke={STATUS_STYLE.placed.color}
            strokeWidth={stroke}
            strokeLinecap="round"
            strokeDasharray={`${filled} ${length}`}
          />
        )}
      </svg>
      <Text
        aria-hidden
        fz={26}
        fw={800}
        lh={1}
        pos="absolute"
        top="50%"
        left={0}
        right={0}
        ta="center"
        style={{ transform: 'translateY(-50%)' }}
      >
        {label}
      </Text>
    </Box>
  );
}

export function Headline({ data }: { data: MonitorView }) {
  const f = data.totals;
  const share = f.placedBeforeSummerShare ?? 0;
  const percent = formatShare(share);
  const summer = data.season.summerHolidayStart;
  const summerStarted = summer <= new Date().toISOString().slice(0, 10);
  const afterSummer = f.placed - f.placedBeforeSummer;

  return (
    <section aria-labelledby="monitor-headline">
      <Title order={2} size="h4" id="monitor-headline" mb="sm">
        {m.headlineTitle}
      </Title>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Paper withBorder p="md" h="100%">
            <Group gap="lg" wrap="nowrap" align="center">
              <Ring share={share} label={percent} ariaLabel={m.ringLabel(percent)} />
              <Stack gap={4}>
                <Text fz="xl" fw={700} lh={1.2}>
                  {m.headlineLabel}
                </Text>
                <Text size="sm">
                  {m.headlineOf(f.placedBeforeSummer, f.total)} ·{' '}
                  {m.headlineToGo(f.total - f.placed)}
                </Text>
                <Text size="sm" c="gray.7">
                  {m.headlineGoal}
                </Text>
                {afterSummer > 0 && (
                  <Text size="sm" c="gray.7">
                    {m.afterSummerNote(afterSummer)}
                  </Text>
                )}
              </Stack>
            </Group>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder p="md" h="100%">
            <Text size="sm" fw={600}>
              {m.schoolDaysLeft}
            </Text>
            {summerStarted ? (
              <Text mt={4}>{m.summerStarted(formatDate(summer))}</Text>
            ) : (
              <>
                <Text fz={40} fw={800} lh={1.1}>
                  {formatNumber(data.schoolDaysToSummer)}
                </Text>
                <Text size="sm">{m.schoolDaysUnit(data.schoolDaysToSummer)}</Text>
                <Text size="sm" c="gray.7">
                  {m.summerFrom(formatDate(summer))}
                </Text>
              </>
            )}
          </Paper>
        </Grid.Col>
      </Grid>

      <Title order={3} size="h5" mt="lg" mb="xs">
        {m.figuresTitle}
      </Title>
      <SimpleGrid
        cols={{ base: 2, md: 4 }}
        spacing="md"
        component="ul"
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
      >
        {STATUSES.map((s) => (
          <Paper withBorder p="sm" key={s} component="li">
            <Group gap={8} wrap="nowrap">
              <Swatch {...STATUS_STYLE[s]} />
              <Text size="sm" fw={600}>
                {m.figure[s]}
              </Text>
            </Group>
            <Text fz={28} fw={700} lh={1.2}>
              {formatNumber(countOf(f, s))}
            </Text>
            <Box>
              <Text size="xs" c="gray.7">
                {m.figureHint[s]}
              </Text>
            </Box>
          </Paper>
        ))}
      </SimpleGrid>
    </section>
  );
}
