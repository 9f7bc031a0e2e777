import {
  Alert,
  Button,
  Group,
  Paper,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { ApiError, rawFetch, toApiError } from '../api/client';
import { errorMessage } from '../api/errors';
import { useMe } from '../auth/session';
import { PageHeader } from '../components/ui';
import { t } from '../messages';
import { TwoFactorPanel } from './account/TwoFactor';
import { NewPasswordInputs, usePasswordPair } from './PublicPages';

export default function AccountPage() {
  const me = useMe();
  const pair = usePasswordPair();
  const [current, setCurrent] = useState('');
  const [currentError, setCurrentError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!pair.valid || !current) return;
    setBusy(true);
    setError(null);
    setCurrentError(null);
    setDone(false);
    try {
      const res = await rawFetch('/api/auth/password/change', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ currentPassword: current, newPassword: pair.password }),
      });
      if (!res.ok) throw toApiError(res.status, await res.json().catch(() => ({})));
      setDone(true);
      setCurrent('');
      pair.setPassword('');
      pair.setRepeat('');
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors() : {};
      if (fields.currentPassword) setCurrentError(fields.currentPassword);
      else if (fields.newPassword) setError(fields.newPassword);
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t.auth.accountTitle} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Paper withBorder p="lg">
          <Stack gap="xs">
            <Title order={2} size="h4">
              {me.name}
            </Title>
            <Text size="sm">
              <strong>{t.auth.email}:</strong> {me.email}
            </Text>
            <Text size="sm">
              <strong>{t.auth.role}:</strong> {t.roles[me.role]}
            </Text>
            {me.regionName && (
              <Text size="sm">
                <strong>{t.auth.region}:</strong> {me.regionName}
              </Text>
            )}
            {me.schools && me.schools.length > 0 && (
              <Text size="sm">
                <strong>{t.auth.schools}:</strong>{' '}
                {me.schools.map((s) => `${s.name} (${s.brin})`).join(', ')}
              </Text>
            )}
          </Stack>
        </Paper>
        <Paper withBorder p="lg">
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              <Title order={2} size="h4">
                {t.auth.changePassword}
              </Title>
              {done && (
                <Alert color="green" icon={<IconCircleCheck aria-hidden />} role="status">
                  {t.auth.changeDone}
                </Alert>
              )}
              {error && (
                <Alert color="red" role="alert">
                  {error}
                </Alert>
              )}
              <PasswordInput
                label={t.auth.currentPassword}
                autoComplete="current-password"
                required
                value={current}
                onChange={(e) => setCurrent(e.currentTarget.value)}
                error={currentError ?? undefined}
              />
              <NewPasswordInputs pair={pair} />
              <Group>
                <Button type="submit" loading={busy} disabled={!pair.valid || !current}>
                  {t.auth.changePassword}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
        <TwoFactorPanel />
      </SimpleGrid>
    </>
  );
}
