/**
 * Two-factor log-in on the web: enrolment (a QR code and the key for typing by hand, a code to
 * confirm, then the recovery codes once, to copy or print), and the panel on "Mijn account" to
 * renew or turn it off. The enrolment also serves the page an admin or advisor without a second
 * factor sees after logging in (ForcedEnrolmentPage), before anything else.
 */
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  CopyButton,
  Group,
  List,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  IconCheck,
  IconCircleCheck,
  IconCopy,
  IconPrinter,
  IconShieldLock,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { create as createQr } from 'qrcode';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, ApiError, call, type Schemas } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useMe, useSession } from '../../auth/session';
import { CodeInput } from '../../components/CodeInput';
import { formatDate, t } from '../../messages';

const m = t.auth;
const STATUS_KEY = ['two-factor'];

/** A QR code drawn as one SVG path from the modules qrcode computes (no data: URL, no canvas). */
export function QrCode({
  text,
  label,
  size = 208,
}: {
  text: string;
  label: string;
  size?: number;
}) {
  const { path, n } = useMemo(() => {
    const { modules } = createQr(text, { errorCorrectionLevel: 'M' });
    const quiet = 4;
    let d = '';
    for (let y = 0; y < modules.size; y++) {
      for (let x = 0; x < modules.size; x++) {
        if (modules.get(y, x)) d += `M${x + quiet} ${y + quiet}h1v1h-1z`;
      }
    }
    return { path: d, n: modules.size + 2 * quiet };
  }, [text]);
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${n} ${n}`}
      width={size}
      height={size}
      shapeRendering="crispEdges"
    >
      <rect width={n} height={n} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

/** A base32 key in groups of four, as authenticator apps show it. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/** The ten recovery codes, shown once: copy, print, and confirm they are kept. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const me = useMe();
  return (
    <Stack gap="md" className="recovery-codes-print">
      <Title order={2} size="h4">
        {m.recoveryTitle}
      </Title>
      <Text className="rc-print-only" fw={700}>
        {m.recoveryPrintTitle(me.email)}
      </Text>
      <Text size="sm">{m.recoveryIntro}</Text>
      <List
        type="ordered"
        aria-label={m.recoveryListLabel}
        spacing={4}
        styles={{ root: { columns: 2, fontFamily: 'var(--mantine-font-family-monospace)' } }}
      >
        {codes.map((c) => (
          <List.Item key={c}>{c}</List.Item>
        ))}
      </List>
      <Group gap="sm" className="no-print">
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button
              variant="light"
              leftSection={<IconCopy size={16} aria-hidden />}
              onClick={copy}
              aria-live="polite"
            >
              {copied ? m.copied : m.copyCodes}
            </Button>
          )}
        </CopyButton>
        <Button
          variant="light"
          leftSection={<IconPrinter size={16} aria-hidden />}
          onClick={() => window.print()}
        >
          {m.printCodes}
        </Button>
        <Button onClick={onDone}>{m.recoverySaved}</Button>
      </Group>
    </Stack>
  );
}

type Enrolment = Schemas['TwoFactorEnrolmentView'];

/**
 * Enrolling: a new key (QR and by hand), then a code from the app; on success the recovery
 * codes. `onDone` after the user has kept them.
 */
export function Enrolment({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const start = useMutation({
    mutationFn: () => call(api.POST('/api/auth/two-factor/enrolment')),
  });
  const { mutate: begin } = start;
  useEffect(() => begin(), [begin]);
  const confirm = useMutation({
    mutationFn: (c: string) =>
      call(api.POST('/api/auth/two-factor/enrolment/confirm', { body: { code: c } })),
    onSuccess: async (res) => {
      setCodes(res.recoveryCodes);
      await queryClient.invalidateQueries({ queryKey: STATUS_KEY });
    },
    // The API's own words: a wrong code, or a key that expired meanwhile (start again).
    onError: (err) =>
      setCodeError((err instanceof ApiError && err.fieldErrors().code) || errorMessage(err)),
  });

  if (codes) return <RecoveryCodes codes={codes} onDone={onDone} />;
  const e: Enrolment | undefined = start.data;
  if (start.error) {
    return (
      <Alert color="red" role="alert">
        {errorMessage(start.error)}
      </Alert>
    );
  }
  if (!e) return <Text size="sm">{t.loading}</Text>;

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    setCodeError(null);
    const c = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(c)) {
      setCodeError(m.enrolCodeWrong);
      return;
    }
    confirm.mutate(c);
  };
  const until = new Date(e.expiresAt).toLocaleTimeString('nl-NL', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Amsterdam',
  });

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={2} size="h5">
          {m.enrolStep1}
        </Title>
        <Text size="sm">{m.enrolStep1Text}</Text>
      </Stack>
      <Stack gap="xs">
        <Title order={2} size="h5">
          {m.enrolStep2}
        </Title>
        <Text size="sm">{m.enrolStep2Text}</Text>
        <QrCode text={e.otpauthUri} label={m.qrLabel} />
        <TextInput
          label={m.manualKeyLabel}
          description={m.manualKey}
          readOnly
          value={grouped(e.secret)}
          onFocus={(ev) => ev.currentTarget.select()}
          maw={480}
          rightSectionWidth={44}
          rightSection={
            <CopyButton value={e.secret}>
              {({ copied, copy }) => (
                <ActionIcon
                  variant="light"
                  size="lg"
                  onClick={copy}
                  aria-label={copied ? m.copied : m.copyKey}
                  title={copied ? m.copied : m.copyKey}
                >
                  {copied ? (
                    <IconCheck size={16} aria-hidden />
                  ) : (
                    <IconCopy size={16} aria-hidden />
                  )}
                </ActionIcon>
              )}
            </CopyButton>
          }
          styles={{
            input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: 1 },
          }}
        />
      </Stack>
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Title order={2} size="h5">
            {m.enrolStep3}
          </Title>
          <Text size="sm">{m.enrolStep3Text}</Text>
          <CodeInput
            value={code}
            onChange={setCode}
            error={codeError}
            description={m.enrolExpires(until)}
          />
          <Group gap="sm">
            <Button type="submit" loading={confirm.isPending}>
              {m.confirm}
            </Button>
            <Button
              variant="subtle"
              onClick={() => {
                setCode('');
                setCodeError(null);
                begin();
              }}
            >
              {m.enrolAgain}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

type Status = Schemas['TwoFactorStatusView'];

/** "Mijn account" → Tweestapsverificatie: on or off, required or not; enrol, renew, turn off. */
export function TwoFactorPanel() {
  const me = useMe();
  const { reloadMe } = useSession();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'view' | 'enrol' | 'disable'>('view');
  const [done, setDone] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const status = useQuery({
    queryKey: STATUS_KEY,
    queryFn: () => call(api.GET('/api/auth/two-factor')),
  });
  const disable = useMutation({
    mutationFn: (c: string) =>
      call(api.POST('/api/auth/two-factor/disable', { body: { code: c } })),
    onSuccess: async () => {
      setMode('view');
      setCode('');
      setDone(m.disabledDone);
      await queryClient.invalidateQueries({ queryKey: STATUS_KEY });
      await reloadMe();
    },
    onError: (err) =>
      setCodeError(
        err instanceof ApiError && err.fieldErrors().code ? m.codeWrong : errorMessage(err),
      ),
  });
  const s: Status | undefined = status.data;

  return (
    <Paper withBorder p="lg">
      <Stack gap="md">
        <Group justify="space-between" align="center">
          <Group gap="xs">
            <IconShieldLock size={20} aria-hidden />
            <Title order={2} size="h4">
              {m.twoFactorTitle}
            </Title>
          </Group>
          {s && (
            <Badge color={s.enabled ? 'green' : 'gray'} variant="light" c="dark.8" tt="none">
              {s.enabled ? m.twoFactorOn : m.twoFactorOff}
            </Badge>
          )}
        </Group>
        <Text size="sm">{m.twoFactorIntro}</Text>
        {done && (
          <Alert color="green" icon={<IconCircleCheck aria-hidden />} role="status">
            {done}
          </Alert>
        )}
        {status.error ? (
          <Alert color="red" role="alert">
            {errorMessage(status.error)}
          </Alert>
        ) : !s ? (
          <Text size="sm">{t.loading}</Text>
        ) : mode === 'enrol' ? (
          <Enrolment
            onDone={() => {
              setMode('view');
              setDone(m.enrolDone);
              void reloadMe();
            }}
          />
        ) : (
          <>
            <Text size="sm">
              {s.required
                ? me.role === 'coordinator'
                  ? m.twoFactorRequiredCoordinator
                  : m.twoFactorRequired
                : m.twoFactorOptional}
            </Text>
            {s.enabled && s.enabledAt && (
              <Text size="sm">
                {m.twoFactorSince(formatDate(s.enabledAt))} {m.recoveryLeft(s.recoveryCodesLeft)}
              </Text>
            )}
            {mode === 'disable' ? (
              <form
                noValidate
                onSubmit={(ev) => {
                  ev.preventDefault();
                  setCodeError(null);
                  if (code.trim()) disable.mutate(code.trim());
                }}
              >
                <Stack gap="xs">
                  <Text size="sm">{m.disableIntro}</Text>
                  <CodeInput
                    value={code}
                    onChange={setCode}
                    error={codeError}
                    description={m.codeHint}
                    allowRecovery
                    autoFocus
                  />
                  <Group gap="sm">
                    <Button type="submit" color="red" loading={disable.isPending}>
                      {m.disable}
                    </Button>
                    <Button variant="default" onClick={() => setMode('view')}>
                      {t.cancel}
                    </Button>
                  </Group>
                </Stack>
              </form>
            ) : (
              <Group gap="sm">
                {s.enabled ? (
                  <Button
                    variant="light"
                    onClick={() => {
                      setDone(null);
                      setMode('enrol');
                    }}
                  >
                    {m.renew}
                  </Button>
                ) : (
                  <Button
                    onClick={() => {
                      setDone(null);
                      setMode('enrol');
                    }}
                  >
                    {m.enrol}
                  </Button>
                )}
                {s.enabled && !s.required && (
                  <Button
                    variant="subtle"
                    color="red"
                    onClick={() => {
                      setDone(null);
                      setCodeError(null);
                      setMode('disable');
                    }}
                  >
                    {m.disable}
                  </Button>
                )}
              </Group>
            )}
            {s.enabled && (
              <Text size="xs" c="dimmed">
                {m.renewHint} {m.lostAll}
              </Text>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
