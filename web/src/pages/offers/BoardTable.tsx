/**
 * The region board's rows as one real <table> whose body is virtualised against the window: only
 * the rows in view (plus a margin) are in the page, with empty spacer rows above and below, so
 * 2,000 rows scroll and filter without lag while the table keeps its header cells, scope and
 * aria-rowcount / aria-rowindex for screen readers.
 */
import { Anchor, Badge, Table, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { formatNumber, t } from '../../messages';
import type { BoardRow, Sort, SortKey } from './board';

const HEADER_HEIGHT = 64; // the app's header; the table's own header sticks below it

function SortHeader({
  label,
  col,
  sort,
  onSort,
  numeric,
}: {
  label: string;
  col: SortKey;
  sort: Sort;
  onSort(s: Sort): void;
  numeric?: boolean;
}) {
  const active = sort.key === col;
  const Icon = !active ? IconArrowsSort : sort.dir === 'asc' ? IconArrowUp : IconArrowDown;
  return (
    <Table.Th
      scope="col"
      aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
      ta={numeric ? 'right' : undefined}
    >
      <UnstyledButton
        fw={700}
        fz="sm"
        style={{ whiteSpace: 'nowrap' }}
        onClick={() =>
          onSort({
            key: col,
            // Numbers start with the largest, names with A.
            dir: active ? (sort.dir === 'asc' ? 'desc' : 'asc') : numeric ? 'desc' : 'asc',
          })
        }
        title={t.offers.board.sortBy(label.toLowerCase())}
      >
        {label}
        <Icon size={14} aria-hidden style={{ marginLeft: 4, verticalAlign: -2 }} />
        {active && (
          <VisuallyHidden>
            {', '}
            {sort.dir === 'asc' ? t.offers.board.sortedAsc : t.offers.board.sortedDesc}
          </VisuallyHidden>
        )}
      </UnstyledButton>
    </Table.Th>
  );
}

export function BoardTable({
  rows,
  sort,
  onSort,
  ownSchools,
  caption,
}: {
  rows: BoardRow[];
  sort: Sort;
  onSort(s: Sort): void;
  ownSchools: readonly string[];
  caption: string;
}) {
  const tbodyRef = useRef<HTMLTableSectionElement>(null);
  const [margin, setMargin] = useState(0);
  // Where the body starts on the page; it moves when the summary above changes height.
  useLayoutEffect(() => {
    const el = tbodyRef.current;
    if (!el) return;
    const top = el.getBoundingClientRect().top + window.scrollY;
    if (Math.abs(top - margin) > 1) setMargin(top);
  });

  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => 45,
    overscan: 15,
    scrollMargin: margin,
  });
  const items = virtualizer.getVirtualItems();
  const before = items.length ? items[0].start - margin : 0;
  const after = items.length
    ? virtualizer.getTotalSize() - (items[items.length - 1].end - margin)
    : 0;
  const grouped = sort.key === 'school';

  return (
    <Table
      stickyHeader
      stickyHeaderOffset={HEADER_HEIGHT}
      verticalSpacing={6}
      highlightOnHover
      aria-rowcount={rows.length + 1}
    >
      <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
        <VisuallyHidden>{caption}</VisuallyHidden>
      </Table.Caption>
      <Table.Thead>
        <Table.Tr aria-rowindex={1}>
          <SortHeader label={t.offers.board.school} col="school" sort={sort} onSort={onSort} />
          <SortHeader label={t.offers.board.district} col="district" sort={sort} onSort={onSort} />
          <SortHeader label={t.offers.board.grade} col="grade" sort={sort} onSort={onSort} />
          <Table.Th scope="col">{t.offers.board.level}</Table.Th>
          <Table.Th scope="col">{t.offers.board.profile}</Table.Th>
          <SortHeader
            label={t.offers.board.capacity}
            col="capacity"
            sort={sort}
            onSort={onSort}
            numeric
          />
          <SortHeader
            label={t.offers.board.remaining}
            col="remaining"
            sort={sort}
            onSort={onSort}
            numeric
          />
          <SortHeader
            label={t.offers.board.sought}
            col="sought"
            sort={sort}
            onSort={onSort}
            numeric
          />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody ref={tbodyRef}>
        {before > 0 && (
          <tr aria-hidden="true" style={{ height: before }}>
            <td colSpan={8} style={{ padding: 0, border: 0 }} />
          </tr>
        )}
        {items.map((vi) => {
          const r = rows[vi.index];
          const prev = vi.index > 0 ? rows[vi.index - 1] : null;
          const first = !grouped || !prev || prev.schoolId !== r.schoolId;
          const own = ownSchools.includes(r.schoolId);
          return (
            <Table.Tr
              key={`${r.schoolId}|${r.grade}|${r.level}|${r.profile}`}
              ref={virtualizer.measureElement}
              data-index={vi.index}
              aria-rowindex={vi.index + 2}
              style={
                grouped && first && vi.index > 0
                  ? { borderTop: '2px solid var(--mantine-color-gray-4)' }
                  : undefined
              }
            >
              <Table.Td>
                {first ? (
                  <>
                    <Text span fw={600} size="sm">
                      {r.schoolName}
                    </Text>{' '}
                    <Text span size="xs" c="dimmed">
                      {r.brin}
                    </Text>
                    {own && (
                      <Badge ml={6} size="sm" variant="light" tt="none" c="dark.8">
                        {t.offers.board.yourSchool}
                      </Badge>
                    )}{' '}
                    <Anchor
                      component={Link}
                      to={`/contacten?school=${encodeURIComponent(r.schoolId)}`}
                      size="xs"
                      ml={4}
                      aria-label={t.offers.board.contactLabel(r.schoolName)}
                    >
                      {t.offers.board.contact}
                    </Anchor>
                  </>
                ) : (
                  <Text span size="xs" c="dimmed">
                    {r.schoolName}
                  </Text>
                )}
              </Table.Td>
              <Table.Td c={first ? undefined : 'dimmed'} fz={first ? undefined : 'xs'}>
                {r.district}
              </Table.Td>
              <Table.Td>{r.grade}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <span title={t.levels[r.level]}>{r.level}</span>
              </Table.Td>
              <Table.Td>{r.profile || '—'}</Table.Td>
              <Table.Td ta="right">
                {r.offerId === null ? (
                  <Text span size="xs" c="dimmed">
                    {t.offers.board.noOffer}
                  </Text>
                ) : (
                  formatNumber(r.capacity)
                )}
              </Table.Td>
              <Table.Td
                ta="right"
                fw={r.remaining > 0 ? 700 : undefined}
                c={r.remaining > 0 ? undefined : 'dimmed'}
              >
                {formatNumber(r.remaining)}
              </Table.Td>
              <Table.Td
                ta="right"
                fw={r.sought > 0 ? 700 : undefined}
                c={r.sought > 0 ? undefined : 'dimmed'}
              >
                {formatNumber(r.sought)}
              </Table.Td>
            </Table.Tr>
          );
        })}
        {after > 0 && (
          <tr aria-hidden="true" style={{ height: after }}>
            <td colSpan={8} style={{ padding: 0, border: 0 }} />
          </tr>
        )}
      </Table.Tbody>
    </Table>
  );
}
