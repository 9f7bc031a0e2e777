/**
 * Beheer → Instellingen: the region's settings (PUT /regions/current/settings): the length of a
 * preference list the form recommends, and whether coordinators must log in with a second factor
 * (admins and advisors always must).
 */
import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { QueryState } from '../../components/ui';
import { t } from '../../messages';

const m = t.office.admin.settings;
// The pupil form reads the same settings under this key (pages/pupils/api.ts).
const KEY = ['region-settings'];
type Settings = Schemas['RegionSettingsView'];

export function SettingsTab() {
  const q = useQuery({
    queryKey: KEY,
    queryFn: () => call(api.GET('/api/regions/current/settings')),
  });
  return (
    <QueryState isPending={q.isPending} error={q.error}>
      {q.data && <SettingsForm key={JSON.stringify(q.data)} view={q.data} />}
    </QueryState>
  );
}

function SettingsForm({ view }: { view: Settings }) {
  const queryClient = useQueryClient();
  const [preferences, setPreferences] = useState<number | string>(view.recommendedPreferences);
  const [requireTwoFactor, setRequireTwoFactor] = useState(view.requireTwoFactorForCoordinators);
  const valid =
    typeof preferences === 'number' &&
    Number.isInteger(preferences) &&
    preferences >= 1 &&
    preferences <= 20;
  const changed =
    preferences !== view.recommendedPreferences ||
    requireTwoFactor !== view.requireTwoFactorForCoordinators;
  const save = useMutation({
    mutationFn: () =>
      call(
        api.PUT('/api/regions/current/settings', {
          body: {
            recommendedPreferences: preferences as number,
            requireTwoFactorForCoordinators: requireTwoFactor,
          },
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(KEY, saved);
      notifications.show({ color: 'green', message: m.saved });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid && changed) save.mutate();
  };

  return (
    <Paper withBorder p="lg" maw={760}>
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          <Title order={2} size="h4">
            {m.title}
          </Title>
          {save.error && (
            <Alert color="red" role="alert">
              {errorMessage(save.error)}
            </Alert>
          )}
          <NumberInput
            label={m.preferences}
            description={m.preferencesHint}
            min={1}
            max={20}
            allowDecimal={false}
            required
            maw={420}
            value={preferences}
            onChange={setPreferences}
            error={valid ? undefined : m.preferencesInvalid}
          />
          <Stack gap={4}>
            <Switch
              label={m.twoFactor}
              description={m.twoFactorHint}
              checked={requireTwoFactor}
              onChange={(e) => setRequireTwoFactor(e.currentTarget.checked)}
            />
            {requireTwoFactor && !view.requireTwoFactorForCoordinators && (
              <Text size="sm" c="orange.9" role="status">
                {m.twoFactorWarning}
              </Text>
            )}
          </Stack>
          <Group>
            <Button type="submit" loading={save.isPending} disabled={!valid || !changed}>
              {t.save}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
