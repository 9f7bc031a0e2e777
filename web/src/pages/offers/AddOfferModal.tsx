/**
 * "Regel toevoegen": a leerjaar × niveau (× profiel) the table does not have yet. Only
 * combinations that exist can be chosen: the niveaus follow the chosen leerjaar and the niveaus
 * the school offers; a profiel only from leerjaar 3 (vmbo, pro) or 4 (havo, vwo).
 */
import {
  Alert,
  Button,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { t } from '../../messages';
import { firstProfileGrade, GRADES, LEVELS, levelExistsIn, offerKey, type Level } from './levels';

export interface NewOffer {
  grade: number;
  level: Level;
  profile: string;
  capacity: number;
}

const MAX_PROFILE = 60;

interface FormProps {
  onClose(): void;
  /** the school's niveaus; null = unknown (all are offered) */
  levels: Level[] | null;
  /** keys of the rows already in the table */
  existing: Set<string>;
  onAdd(row: NewOffer): void;
}

export function AddOfferModal({ opened, ...props }: FormProps & { opened: boolean }) {
  // The form is unmounted when the modal closes, so it starts empty every time.
  return (
    <Modal opened={opened} onClose={props.onClose} title={t.offers.addTitle} size="md">
      <AddOfferForm {...props} />
    </Modal>
  );
}

function AddOfferForm({ onClose, levels, existing, onAdd }: FormProps) {
  const offered = useMemo(
    () => (levels?.length ? LEVELS.filter((l) => levels.includes(l)) : LEVELS),
    [levels],
  );
  const grades = GRADES.filter((g) => offered.some((l) => levelExistsIn(g, l)));
  const [grade, setGrade] = useState<number>(grades[0] ?? 1);
  const [level, setLevel] = useState<Level | ''>('');
  const [profile, setProfile] = useState('');
  const [capacity, setCapacity] = useState<number | ''>('');
  const [tried, setTried] = useState(false);

  const levelsForGrade = offered.filter((l) => levelExistsIn(grade, l));
  // A niveau that does not exist in the new leerjaar is dropped, never kept silently.
  const chosen: Level | '' = level && levelsForGrade.includes(level) ? level : '';

  const trimmed = profile.trim();
  const profileError = !chosen
    ? null
    : trimmed.length > MAX_PROFILE
      ? t.offers.profileTooLong
      : trimmed && grade < firstProfileGrade(chosen)
        ? t.offers.profileTooEarly(chosen, firstProfileGrade(chosen))
        : null;
  const duplicate =
    chosen && existing.has(offerKey({ grade, level: chosen, profile: trimmed }))
      ? t.offers.duplicate
      : null;
  const levelError = tried && !chosen ? t.offers.levelRequired : null;
  const capacityError = tried && capacity === '' ? t.offers.capacityInvalid : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    e.stopPropagation();
    setTried(true);
    if (!chosen || capacity === '' || profileError || duplicate) return;
    onAdd({ grade, level: chosen, profile: trimmed, capacity });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t.offers.addIntro}
        </Text>
        <Group grow align="flex-start">
          <NativeSelect
            label={t.offers.grade}
            value={String(grade)}
            onChange={(e) => setGrade(Number(e.currentTarget.value))}
            data={grades.map((g) => ({ value: String(g), label: String(g) }))}
            required
            withAsterisk={false}
          />
          <NativeSelect
            label={t.offers.level}
            value={chosen}
            onChange={(e) => setLevel(e.currentTarget.value as Level)}
            data={[
              { value: '', label: t.offers.levelPlaceholder },
              ...levelsForGrade.map((l) => ({ value: l, label: l })),
            ]}
            error={
              levelsForGrade.length === 0 ? t.offers.gradeLevelMissing : (levelError ?? undefined)
            }
            required
            withAsterisk={false}
          />
        </Group>
        <TextInput
          label={t.offers.profile}
          description={t.offers.profileHint}
          value={profile}
          onChange={(e) => setProfile(e.currentTarget.value)}
          maxLength={MAX_PROFILE + 10}
          error={profileError ?? undefined}
        />
        <NumberInput
          label={t.offers.capacity}
          value={capacity}
          onChange={(v) => setCapacity(v === '' ? '' : Number(v))}
          min={0}
          max={10000}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="strict"
          required
          withAsterisk={false}
          error={capacityError ?? undefined}
          w={160}
        />
        {duplicate && (
          <Alert color="red" variant="light" role="alert">
            {duplicate}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t.cancel}
          </Button>
          <Button type="submit">{t.offers.addSubmit}</Button>
        </Group>
      </Stack>
    </form>
  );
}
