/** The key of the status colours (and line styles) the monitor's charts share. */
import { Box, Group, Text } from '@mantine/core';
import { t } from '../../messages';
import { STATUS_STYLE, STATUSES } from './data';

/** A line in the status's colour and dash pattern (or a square for bars). */
export function Swatch({
  color,
  dash,
  square,
}: {
  color: string;
  dash?: string;
  square?: boolean;
}) {
  if (square) return <Box aria-hidden w={14} h={14} style={{ background: color, flexShrink: 0 }} />;
  return (
    <svg width="24" height="10" aria-hidden style={{ flexShrink: 0 }}>
      <line x1="1" y1="5" x2="23" y2="5" stroke={color} strokeWidth="3" strokeDasharray={dash} />
    </svg>
  );
}

export function StatusLegend({ square }: { square?: boolean }) {
  return (
    <Group gap="lg" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} mt="xs">
      {STATUSES.map((s) => (
        <Group gap={6} key={s} component="li" wrap="nowrap">
          <Swatch
            color={STATUS_STYLE[s].color}
            dash={square ? undefined : STATUS_STYLE[s].dash}
            square={square}
          />
          <Text size="sm">{t.monitor.series[s]}</Text>
        </Group>
      ))}
    </Group>
  );
}
