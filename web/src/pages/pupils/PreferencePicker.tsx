/**
 * The pupil's ranked preferences: a native select of the schools that teach the requested niveau
 * (with their free places for the leerjaar, or "nog geen plaatsen") plus "Toevoegen", and an ordered list with Omhoog / Omlaag /
 * Verwijderen. Every move is announced and keeps the focus on the moved school, so it works with
 * the keyboard and a screen reader alone.
 */
import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Loader,
  NativeSelect,
  Paper,
  Stack,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowDown,
  IconArrowUp,
  IconInfoCircle,
  IconLock,
  IconTrash,
} from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { t } from '../../messages';
import { byNearness, useRecommendedPreferences, type SchoolWithPlaces } from './api';
import { MAX_PREFERENCES } from './form';

type Which = 'up' | 'down' | 'remove';

export function PreferencePicker({
  id,
  value,
  onChange,
  offered,
  loading,
  canPick,
  placeLabel,
  excludeId,
  nameOf,
  error,
  fixedCount = 0,
  excludeIds = [],
  pupilPostcode,
  recommended: recommendedProp,
}: {
  /** the select's id (the field's focus target) */
  id: string;
  value: string[];
  onChange: (ids: string[]) => void;
  /** schools teaching the requested niveau (remaining null: no places yet); undefined while unknown */
  offered: SchoolWithPlaces[] | undefined;
  loading: boolean;
  /** false until a requested leerjaar × niveau that exists is chosen */
  canPick: boolean;
  /** "leerjaar 3 havo", for messages */
  placeLabel: string;
  /** the sending school: never a preference */
  excludeId: string;
  nameOf: (id: string) => string;
  error?: string;
  /** the first n schools are already submitted: shown read-only, new ones go below them */
  fixedCount?: number;
  /** schools that may not be chosen (they declined the pupil), named below the select */
  excludeIds?: string[];
  /** the pupil's postcode: schools nearest first */
  pupilPostcode?: string;
  /** the region's recommended length: a shorter list gets a warning (never a block) */
  recommended?: number;
}) {
  const regional = useRecommendedPreferences();
  const recommended = recommendedProp ?? regional;
  const [choice, setChoice] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const buttons = useRef(new Map<string, HTMLButtonElement | null>());
  const selectRef = useRef<HTMLSelectElement>(null);
  const [focusNext, setFocusNext] = useState<{ id: string; which: Which[] } | 'select' | null>(
    null,
  );

  // After the list re-renders, put the focus where the person expects it.
  useEffect(() => {
    if (!focusNext) return;
    if (focusNext === 'select') selectRef.current?.focus();
    else {
      const target = focusNext.which
        .map((w) => buttons.current.get(`${focusNext.id}:${w}`))
        .find((b) => b && !b.disabled);
      target?.focus();
    }
    setFocusNext(null);
  }, [focusNext, value]);

  const byId = new Map((offered ?? []).map((s) => [s.id, s]));
  const eligible = (offered ?? []).filter((s) => s.id !== excludeId && !excludeIds.includes(s.id));
  const withRoom = eligible.filter((s) => s.remaining !== null && s.remaining > 0).length;
  const available = byNearness(
    eligible.filter((s) => !value.includes(s.id)),
    pupilPostcode,
  );
  const declinedNames = excludeIds.map(nameOf).join(', ');
  const short = canPick && value.length < recommended;
  // Room nobody has asked for yet first (nearest first within each): otherwise every coordinator
  // adds the same nearest schools and they fill up (npm run bench:season).
  const free = available
    .filter((s) => s.remaining !== null && s.remaining > 0)
    .sort((a, b) => Number((b.unclaimed ?? 0) > 0) - Number((a.unclaimed ?? 0) > 0));
  const full = available.filter((s) => s.remaining === 0);
  const none = available.filter((s) => s.remaining === null);
  const places = (s: SchoolWithPlaces) =>
    s.remaining === null
      ? t.pupils.prefNoPlacesYet
      : s.remaining > 0 && s.asking > 0
        ? t.pupils.prefFreeAsked(s.remaining, s.asking)
        : t.pupils.prefFree(s.remaining);
  const label = (s: SchoolWithPlaces) => t.pupils.prefOption(s.name, s.district, places(s));
  const atMax = value.length >= MAX_PREFERENCES;

  const add = () => {
    const s = byId.get(choice);
    if (!s || value.includes(s.id) || atMax) {
      selectRef.current?.focus();
      return;
    }
    onChange([...value, s.id]);
    setChoice('');
    setAnnouncement(t.pupils.prefAdded(s.name, value.length + 1));
    setFocusNext('select');
  };

  const move = (from: number, to: number) => {
    const next = [...value];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved);
    onChange(next);
    setAnnouncement(t.pupils.prefMoved(nameOf(moved), to + 1, next.length));
    setFocusNext({ id: moved, which: to < from ? ['up', 'down'] : ['down', 'up'] });
  };

  const remove = (index: number) => {
    const removed = value[index];
    const next = value.filter((_, i) => i !== index);
    onChange(next);
    setAnnouncement(t.pupils.prefRemoved(nameOf(removed)));
    const neighbour = next[index] ?? (index - 1 >= fixedCount ? next[index - 1] : undefined);
    setFocusNext(neighbour ? { id: neighbour, which: ['remove'] } : 'select');
  };

  const ref = (key: string) => (el: HTMLButtonElement | null) => {
    buttons.current.set(key, el);
  };

  return (
    <Stack gap="sm">
      {/* A list being extended has its own explanation above (the order stays). */}
      {fixedCount === 0 && <Text size="sm">{t.pupils.prefIntro}</Text>}

      {value.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t.pupils.prefEmpty}
        </Text>
      ) : (
        <Box
          component="ol"
          aria-label={t.pupils.prefListLabel}
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
        >
          {value.map((schoolId, i) => {
            const s = byId.get(schoolId);
            const name = s?.name ?? nameOf(schoolId);
            const notOffered = !!offered && !s;
            const fixed = i < fixedCount;
            return (
              <Paper
                component="li"
                key={schoolId}
                withBorder
                p="xs"
                mb={6}
                bg={notOffered ? 'orange.0' : undefined}
              >
                <Group justify="space-between" wrap="nowrap" gap="sm">
                  <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                    <Badge variant="light" color="blue" c="dark.8" radius="sm" tt="none" miw={72}>
                      {t.pupils.prefPosition(i + 1)}
                    </Badge>
                    {fixedCount > 0 && !fixed && (
                      <Badge variant="outline" color="green" c="dark.8" radius="sm" tt="none">
                        {t.pupils.prefNew}
                      </Badge>
                    )}
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Text size="sm" fw={600}>
                        {name}
                      </Text>
                      <Text size="xs" c={notOffered ? 'orange.9' : 'dimmed'}>
                        {notOffered
                          ? t.pupils.prefNotOffered
                          : s
                            ? `${s.district} · ${places(s)}`
                            : ''}
                      </Text>
                    </Stack>
                  </Group>
                  {fixed ? (
                    <Group gap={4} wrap="nowrap" c="dimmed">
                      <IconLock size={16} aria-hidden />
                      <Text size="xs">{t.pupils.prefFixed}</Text>
                    </Group>
                  ) : (
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon
                        ref={ref(`${schoolId}:up`)}
                        variant="default"
                        size="lg"
                        aria-label={t.pupils.prefUp(name)}
                        disabled={i <= fixedCount}
                        onClick={() => move(i, i - 1)}
                      >
                        <IconArrowUp size={18} aria-hidden />
                      </ActionIcon>
                      <ActionIcon
                        ref={ref(`${schoolId}:down`)}
                        variant="default"
                        size="lg"
                        aria-label={t.pupils.prefDown(name)}
                        disabled={i === value.length - 1}
                        onClick={() => move(i, i + 1)}
                      >
                        <IconArrowDown size={18} aria-hidden />
                      </ActionIcon>
                      <ActionIcon
                        ref={ref(`${schoolId}:remove`)}
                        variant="default"
                        size="lg"
                        color="red"
                        aria-label={t.pupils.prefRemove(name)}
                        onClick={() => remove(i)}
                      >
                        <IconTrash size={18} aria-hidden />
                      </ActionIcon>
                    </Group>
                  )}
                </Group>
              </Paper>
            );
          })}
        </Box>
      )}

      {!canPick ? (
        <>
          <Alert color="gray" variant="light" role="note" icon={<IconInfoCircle aria-hidden />}>
            {t.pupils.prefNeedsPlace}
          </Alert>
          {error && (
            <Text id={id} tabIndex={-1} size="sm" c="red.8">
              {error}
            </Text>
          )}
        </>
      ) : (
        <>
          {offered && (
            <Text size="sm" fw={500}>
              {t.pupils.placesNow(withRoom, placeLabel)}
            </Text>
          )}
          <Group align="flex-end" gap="sm" wrap="nowrap">
            <NativeSelect
              ref={selectRef}
              id={id}
              label={t.pupils.prefAdd}
              style={{ flex: 1, minWidth: 0 }}
              value={choice}
              onChange={(e) => setChoice(e.currentTarget.value)}
              disabled={atMax}
              error={error}
              rightSection={loading ? <Loader size="xs" aria-hidden /> : undefined}
              description={
                atMax
                  ? t.pupils.prefMax(MAX_PREFERENCES)
                  : offered && !(offered ?? []).some((s) => s.id !== excludeId)
                    ? t.pupils.prefNoneOffered(placeLabel)
                    : offered && available.length === 0
                      ? t.pupils.prefAllChosen
                      : undefined
              }
              data={[
                { value: '', label: t.pupils.prefChooseSchool },
                ...(free.length
                  ? [
                      {
                        group: t.pupils.prefGroupFree,
                        items: free.map((s) => ({ value: s.id, label: label(s) })),
                      },
                    ]
                  : []),
                ...(full.length
                  ? [
                      {
                        group: t.pupils.prefGroupFull,
                        items: full.map((s) => ({ value: s.id, label: label(s) })),
                      },
                    ]
                  : []),
                ...(none.length
                  ? [
                      {
                        group: t.pupils.prefGroupNone,
                        items: none.map((s) => ({ value: s.id, label: label(s) })),
                      },
                    ]
                  : []),
              ]}
            />
            <Button
              variant="light"
              onClick={add}
              disabled={atMax}
              // lines the button up with the select when a description or error sits below it
              mb={error || atMax ? 'auto' : undefined}
            >
              {t.pupils.prefAddButton}
            </Button>
          </Group>
          {excludeIds.length > 0 && (
            <Text size="sm" c="dimmed">
              {t.pupils.prefDeclined(declinedNames)}
            </Text>
          )}
        </>
      )}
      {/* Always in the page, so a change of its text is announced (politely). */}
      <div role="status" aria-live="polite">
        {short && (
          <Alert
            role="note"
            color="orange"
            variant="light"
            title={t.pupils.shortListTitle}
            icon={<IconAlertTriangle aria-hidden />}
          >
            {t.pupils.shortList(recommended)} {t.pupils.shortListCount(value.length)}
          </Alert>
        )}
      </div>
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
    </Stack>
  );
}
