/**
 * Per sending school: its pupils and the share placed, sortable (by share placed first), paged,
 * with the region's totals as the last row. Coordinators get only their own school(s) from the
 * API, with the same totals row.
 */
import { Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Pager } from '../../components/ui';
import { formatNumber, t } from '../../messages';
import {
  sortSchools,
  type Figures,
  type SchoolRow,
  type SchoolSort,
  type SchoolSortKey,
} from './data';
import { ShareCell } from './GradeLevelFigures';

const m = t.monitor;
const PAGE = 20;

function SortHeader({
  k,
  label,
  sort,
  onSort,
  align = 'left',
}: {
  k: SchoolSortKey;
  label: string;
  sort: SchoolSort;
  onSort: (s: SchoolSort) => void;
  align?: 'left' | 'right';
}) {
  const active = sort.key === k;
  const next: SchoolSort = {
    key: k,
    dir: active ? (sort.dir === 'asc' ? 'desc' : 'asc') : k === 'name' ? 'asc' : 'asc',
  };
  const Icon = !active ? IconArrowsSort : sort.dir === 'asc' ? IconArrowUp : IconArrowDown;
  return (
    <Table.Th
      scope="col"
      ta={align}
      aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <UnstyledButton
        onClick={() => onSort(next)}
        aria-label={m.sortBy(label, next.dir === 'asc' ? m.ascending : m.descending)}
        style={{ display: 'inline-flex', alignItems: 'center', gap: 4, fontWeight: 700 }}
        fz="sm"
      >
        {label}
        <Icon size={14} aria-hidden />
      </UnstyledButton>
    </Table.Th>
  );
}

function FigureCells({ f }: { f: Figures }) {
  return (
    <>
      <Table.Td ta="right">{formatNumber(f.total)}</Table.Td>
      <Table.Td ta="right">{formatNumber(f.unplaced)}</Table.Td>
      <Table.Td ta="right">{formatNumber(f.proposed)}</Table.Td>
      <Table.Td ta="right">{formatNumber(f.placed)}</Table.Td>
      <Table.Td ta="right">{formatNumber(f.mediation)}</Table.Td>
      <Table.Td>
        <ShareCell share={f.placedShare} />
      </Table.Td>
    </>
  );
}

export function SchoolTable({
  rows,
  totals,
  own,
}: {
  rows: SchoolRow[];
  totals: Figures;
  /** a coordinator's view: their own school(s) and the region's totals */
  own: boolean;
}) {
  const [sort, setSort] = useState<SchoolSort>({ key: 'share', dir: 'asc' });
  const [page, setPage] = useState(1);
  const sorted = useMemo(() => sortSchools(rows, sort), [rows, sort]);
  const shown = sorted.slice((page - 1) * PAGE, page * PAGE);
  const without = rows.filter((r) => r.total === 0).length;
  const onSort = (s: SchoolSort) => {
    setSort(s);
    setPage(1);
  };

  if (rows.length === 0)
    return (
      <Text size="sm" c="gray.7">
        {m.schoolEmpty}
      </Text>
    );
  return (
    <>
      <Table.ScrollContainer minWidth={820}>
        <Table captionSide="top" striped highlightOnHover withTableBorder fz="sm">
          <caption style={{ textAlign: 'left' }}>
            {own ? m.schoolCaptionOwn(rows.length) : m.schoolCaption}
          </caption>
          <Table.Thead>
            <Table.Tr>
              <SortHeader k="name" label={m.col.school} sort={sort} onSort={onSort} />
              <SortHeader k="total" label={m.col.total} sort={sort} onSort={onSort} align="right" />
              <Table.Th scope="col" ta="right">
                {m.series.submitted}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {m.col.proposed}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {m.col.placed}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {m.col.mediation}
              </Table.Th>
              <SortHeader k="share" label={m.col.share} sort={sort} onSort={onSort} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((r) => (
              <Table.Tr key={r.schoolId ?? 'none'}>
                <Table.Th scope="row" fw={500}>
                  {r.name}
                  {r.brin && (
                    <Text span size="xs" c="gray.7" ml={6}>
                      {r.brin}
                    </Text>
                  )}
                </Table.Th>
                <FigureCells f={r} />
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr style={{ borderTop: '2px solid var(--mantine-color-gray-5)' }}>
              <Table.Th scope="row">{m.regionTotal}</Table.Th>
              <FigureCells f={totals} />
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
      {!own && without > 0 && sort.key === 'share' && (
        <Text size="xs" c="gray.7" mt={4}>
          {m.schoolsWithout(without)}
        </Text>
      )}
      <Pager page={page} total={sorted.length} limit={PAGE} onChange={setPage} />
    </>
  );
}
