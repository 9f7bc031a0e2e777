/**
 * The school's free places as a table edited in place: one number per leerjaar × niveau ×
 * profiel, with what is already taken beside it. Changes stay on the page until "Opslaan" sends
 * every changed row in one PUT (all or nothing); a refused row shows its messages on that row.
 */
import {
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { api, ApiError, call, type Schemas } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { gradeLevel, QueryState } from '../../components/ui';
import { formatNumber, t } from '../../messages';
import { AddOfferModal, type NewOffer } from './AddOfferModal';
import { levelOrder, offerKey, type Level } from './levels';

type Offer = Schemas['OfferView'];

export interface OfferSchool {
  id: string;
  name: string;
  brin: string;
  /** the niveaus the school offers; null while unknown */
  levels: Level[] | null;
}

/** One line of the table: a saved offer (maybe edited) or a row added on this page. */
interface Line {
  key: string;
  grade: number;
  level: Level;
  profile: string;
  /** the saved places; null for a new row */
  saved: number | null;
  value: number | '';
  placed: number;
  pending: number;
}

export const offersQueryKey = (seasonId: string, schoolId: string) => [
  'offers',
  seasonId,
  { schoolId },
];

const sortLines = (a: Line, b: Line) =>
  a.grade - b.grade ||
  levelOrder(a.level) - levelOrder(b.level) ||
  a.profile.localeCompare(b.profile, 'nl');

const describe = (l: Pick<Line, 'grade' | 'level' | 'profile'>) =>
  gradeLevel(l.grade, l.level, l.profile);

export function OffersEditor({ seasonId, school }: { seasonId: string; school: OfferSchool }) {
  const queryClient = useQueryClient();
  const offersQ = useQuery({
    queryKey: offersQueryKey(seasonId, school.id),
    queryFn: async () =>
      (await call(
        api.GET('/api/seasons/{seasonId}/offers', {
          params: { path: { seasonId }, query: { schoolId: school.id, limit: 200 } },
        }),
      )) as Schemas['OfferPage'],
  });

  const [edits, setEdits] = useState<Record<string, number | ''>>({});
  const [added, setAdded] = useState<NewOffer[]>([]);
  const [rowErrors, setRowErrors] = useState<Record<string, string[]>>({});
  const [saveError, setSaveError] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);

  const lines = useMemo<Line[]>(() => {
    const saved = (offersQ.data?.items ?? []).map((o: Offer) => {
      const key = offerKey(o);
      return {
        key,
        grade: o.grade,
        level: o.level,
        profile: o.profile,
        saved: o.capacity,
        value: key in edits ? edits[key] : o.capacity,
        placed: o.placed,
        pending: o.pending,
      };
    });
    const fresh = added.map((n) => ({
      key: offerKey(n),
      grade: n.grade,
      level: n.level,
      profile: n.profile,
      saved: null,
      value: offerKey(n) in edits ? edits[offerKey(n)] : n.capacity,
      placed: 0,
      pending: 0,
    }));
    return [...saved, ...fresh].sort(sortLines);
  }, [offersQ.data, edits, added]);

  const changed = lines.filter((l) => l.saved === null || l.value !== l.saved);
  const invalid = changed.some((l) => l.value === '');

  // Warn before the tab is closed with unsaved places.
  useEffect(() => {
    if (!changed.length) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [changed.length]);

  const save = useMutation({
    mutationFn: async (rows: Line[]) =>
      call(
        api.PUT('/api/seasons/{seasonId}/offers', {
          params: { path: { seasonId } },
          body: {
            offers: rows.map((l) => ({
              schoolId: school.id,
              grade: l.grade,
              level: l.level,
              profile: l.profile,
              capacity: l.value === '' ? 0 : l.value,
            })),
          },
        }),
      ) as Promise<Schemas['SavedOffers']>,
    onMutate: () => {
      setRowErrors({});
      setSaveError(null);
    },
    onSuccess: async (res) => {
      setEdits({});
      setAdded([]);
      notifications.show({
        color: 'green',
        title: t.offers.savedTitle,
        message: t.offers.saved(res.saved),
      });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['offers'] }),
        queryClient.invalidateQueries({ queryKey: ['supply-demand'] }),
      ]);
    },
    onError: (err, rows) => {
      setSaveError(err);
      if (err instanceof ApiError) {
        const byKey: Record<string, string[]> = {};
        for (const p of err.problems) {
          const line = p.row ? rows[p.row - 1] : undefined;
          if (line) (byKey[line.key] ??= []).push(p.message);
        }
        setRowErrors(byKey);
      }
    },
  });

  const setValue = (k: string, v: number | string) => {
    setEdits((e) => ({ ...e, [k]: v === '' ? '' : Number(v) }));
    setRowErrors((r) => {
      if (!r[k]) return r;
      const rest = { ...r };
      delete rest[k];
      return rest;
    });
  };
  const undo = (k: string) =>
    setEdits((e) => {
      const rest = { ...e };
      delete rest[k];
      return rest;
    });
  const discard = () => {
    setEdits({});
    setAdded([]);
    setRowErrors({});
    setSaveError(null);
  };

  const totals = lines.reduce(
    (s, l) => {
      const cap = l.value === '' ? 0 : l.value;
      return {
        capacity: s.capacity + cap,
        placed: s.placed + l.placed,
        pending: s.pending + l.pending,
        remaining: s.remaining + Math.max(0, cap - l.placed - l.pending),
      };
    },
    { capacity: 0, placed: 0, pending: 0, remaining: 0 },
  );

  return (
    <Paper
      withBorder
      p="lg"
      component="section"
      // While the add form (a modal, rendered outside this section) is open, the table behind it
      // is out of reach for keyboard and screen reader alike.
      inert={adding}
      aria-hidden={adding || undefined}
    >
      <Group justify="space-between" mb="md" wrap="wrap" gap="sm">
        <Title order={2} size="h4" id="offers-table-title">
          {t.offers.forSchool(school.name, school.brin)}
        </Title>
        <Button
          variant="default"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => setAdding(true)}
          disabled={offersQ.isPending}
        >
          {t.offers.add}
        </Button>
      </Group>

      <QueryState isPending={offersQ.isPending} error={offersQ.error}>
        {/* Enter in a number saves, like the button. */}
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (changed.length && !invalid && !save.isPending) save.mutate(changed);
          }}
        >
          {saveError != null && (
            <Alert color="red" variant="light" role="alert" mb="md">
              {saveError instanceof ApiError && saveError.status === 400
                ? t.offers.saveFailed
                : errorMessage(saveError)}
            </Alert>
          )}
          {lines.length === 0 ? (
            <Alert color="blue" variant="light">
              {t.offers.empty}
            </Alert>
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table
                striped
                highlightOnHover
                verticalSpacing="xs"
                aria-label={t.offers.tableCaption(school.name)}
              >
                <Table.Thead>
                  <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                    <Table.Th scope="col">{t.offers.grade}</Table.Th>
                    <Table.Th scope="col">{t.offers.level}</Table.Th>
                    <Table.Th scope="col">{t.offers.profile}</Table.Th>
                    <Table.Th scope="col">{t.offers.capacity}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t.offers.placed}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t.offers.pending}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t.offers.remaining}
                    </Table.Th>
                    <Table.Th scope="col">
                      <VisuallyHidden>{t.offers.actions}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {lines.map((l, i) => {
                    const what = describe(l);
                    const cap = l.value === '' ? 0 : l.value;
                    const taken = l.placed + l.pending;
                    const isChanged = l.saved !== null && l.value !== l.saved;
                    const error =
                      rowErrors[l.key]?.join(' ') ??
                      (l.value === '' ? t.offers.capacityInvalid : null);
                    const warning =
                      l.value !== '' && cap < taken ? t.offers.belowTaken(taken) : null;
                    const errorId = `offer-error-${i}`;
                    const warningId = `offer-warning-${i}`;
                    return (
                      <Table.Tr key={l.key}>
                        <Table.Td>{l.grade}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <span title={t.levels[l.level]}>{l.level}</span>
                        </Table.Td>
                        <Table.Td>{l.profile || t.offers.noProfile}</Table.Td>
                        <Table.Td>
                          <Group gap="xs" wrap="nowrap">
                            <NumberInput
                              aria-label={t.offers.capacityLabel(what)}
                              value={l.value}
                              onChange={(v) => setValue(l.key, v)}
                              min={0}
                              max={10000}
                              allowDecimal={false}
                              allowNegative={false}
                              clampBehavior="strict"
                              w={96}
                              size="sm"
                              error={!!error}
                              aria-describedby={
                                [error && errorId, warning && warningId]
                                  .filter(Boolean)
                                  .join(' ') || undefined
                              }
                            />
                            {l.saved === null && (
                              <Badge variant="light" color="blue" c="dark.8" tt="none">
                                {t.offers.isNew}
                              </Badge>
                            )}
                            {isChanged && (
                              <Badge variant="light" color="yellow" c="dark.8" tt="none">
                                {t.offers.changed}
                              </Badge>
                            )}
                          </Group>
                          {error && (
                            <Text id={errorId} size="xs" c="red.8" mt={4} maw={340}>
                              {error}
                            </Text>
                          )}
                          {warning && (
                            <Text id={warningId} size="xs" c="orange.9" mt={4} maw={340}>
                              {warning}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td ta="right">{formatNumber(l.placed)}</Table.Td>
                        <Table.Td ta="right">{formatNumber(l.pending)}</Table.Td>
                        <Table.Td ta="right" fw={700}>
                          {formatNumber(Math.max(0, cap - taken))}
                        </Table.Td>
                        <Table.Td ta="right">
                          {l.saved === null ? (
                            <Button
                              variant="subtle"
                              size="compact-sm"
                              color="red"
                              aria-label={t.offers.removeNewLabel(what)}
                              onClick={() => {
                                setAdded((a) => a.filter((n) => offerKey(n) !== l.key));
                                undo(l.key);
                              }}
                            >
                              {t.offers.removeNew}
                            </Button>
                          ) : isChanged ? (
                            <Button
                              variant="subtle"
                              size="compact-sm"
                              aria-label={t.offers.undoLabel(what)}
                              onClick={() => undo(l.key)}
                            >
                              {t.offers.undo}
                            </Button>
                          ) : l.saved > 0 ? (
                            <Button
                              variant="subtle"
                              size="compact-sm"
                              color="gray"
                              aria-label={t.offers.removeLabel(what)}
                              onClick={() => setValue(l.key, 0)}
                            >
                              {t.offers.remove}
                            </Button>
                          ) : null}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
                <Table.Tfoot>
                  <Table.Tr>
                    <Table.Th scope="row" colSpan={3}>
                      {t.offers.totals}
                    </Table.Th>
                    <Table.Td fw={700} pl="md">
                      {formatNumber(totals.capacity)}
                    </Table.Td>
                    <Table.Td ta="right" fw={700}>
                      {formatNumber(totals.placed)}
                    </Table.Td>
                    <Table.Td ta="right" fw={700}>
                      {formatNumber(totals.pending)}
                    </Table.Td>
                    <Table.Td ta="right" fw={700}>
                      {formatNumber(totals.remaining)}
                    </Table.Td>
                    <Table.Td />
                  </Table.Tr>
                </Table.Tfoot>
              </Table>
            </Table.ScrollContainer>
          )}
          {lines.length > 0 && (
            <Text size="xs" c="dimmed" mt="xs" maw={900}>
              {t.offers.legend}
            </Text>
          )}

          <Group justify="flex-end" mt="md" gap="sm">
            <Text size="sm" c={changed.length ? 'dark.8' : 'dimmed'} role="status">
              {changed.length ? t.offers.unsaved(changed.length) : t.offers.noChanges}
            </Text>
            {changed.length > 0 && (
              <Button variant="default" onClick={discard} disabled={save.isPending}>
                {t.offers.discard}
              </Button>
            )}
            <Button type="submit" loading={save.isPending} disabled={!changed.length || invalid}>
              {t.offers.save}
            </Button>
          </Group>
        </form>
      </QueryState>

      <AddOfferModal
        opened={adding}
        onClose={() => setAdding(false)}
        levels={school.levels}
        existing={new Set(lines.map((l) => l.key))}
        onAdd={(n) => {
          setAdded((a) => [...a, n]);
          setAdding(false);
        }}
      />
    </Paper>
  );
}
