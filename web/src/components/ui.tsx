/** Small building blocks every page uses, so all pages look and behave alike. */
import {
  Alert,
  Badge,
  Center,
  Group,
  Loader,
  Pagination,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useEffect, type ReactNode } from 'react';
import { errorMessage } from '../api/errors';
import { t } from '../messages';

/** The page's one h1, its introduction and its main actions; also sets the tab's title. */
export function PageHeader({
  title,
  intro,
  actions,
}: {
  title: string;
  intro?: ReactNode;
  actions?: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} · ${t.appName}`;
  }, [title]);
  return (
    <Group justify="space-between" align="flex-start" mb="lg" wrap="wrap" gap="md">
      <Stack gap={4} maw={760}>
        <Title order={1} size="h2">
          {title}
        </Title>
        {intro && (
          <Text c="dimmed" size="sm">
            {intro}
          </Text>
        )}
      </Stack>
      {actions && <Group gap="sm">{actions}</Group>}
    </Group>
  );
}

/** Loading and error states of a query, in the same words everywhere. */
export function QueryState({
  isPending,
  error,
  children,
}: {
  isPending: boolean;
  error: unknown;
  children: ReactNode;
}) {
  if (error) return <ErrorAlert error={error} />;
  if (isPending)
    return (
      <Center py="xl" role="status">
        <Loader size="sm" aria-hidden />
        <VisuallyHidden>{t.loading}</VisuallyHidden>
      </Center>
    );
  return <>{children}</>;
}

export function ErrorAlert({ error }: { error: unknown }) {
  return (
    <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert" variant="light">
      {errorMessage(error)}
    </Alert>
  );
}

const STATUS_COLOURS: Record<string, string> = {
  draft: 'gray',
  submitted: 'blue',
  proposed: 'grape',
  placed: 'green',
  withdrawn: 'dark',
  mediation: 'orange',
  pending: 'yellow',
  accepted: 'green',
  declined: 'red',
};

/** A status as the same word and colour on every page (DOMAIN.md: "Words on screens"). */
export function StatusBadge({
  status,
  kind = 'request',
}: {
  status: string;
  kind?: 'request' | 'proposal';
}) {
  const label = (kind === 'proposal' ? t.proposalStatus : t.status)[status] ?? status;
  return (
    <Badge
      color={STATUS_COLOURS[status] ?? 'gray'}
      variant="light"
      radius="sm"
      tt="none"
      fw={600}
      c="dark.8"
    >
      {label}
    </Badge>
  );
}

/** Pages of a list: "Pagina 2 van 7", previous/next. */
export function Pager({
  page,
  total,
  limit,
  onChange,
}: {
  page: number;
  total: number;
  limit: number;
  onChange: (p: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / limit));
  if (pages <= 1) return null;
  return (
    <Group justify="space-between" mt="md">
      <Text size="sm" c="dimmed">
        {t.page(page, pages)} · {t.rows(total)}
      </Text>
      <Pagination
        total={pages}
        value={page}
        onChange={onChange}
        size="sm"
        getControlProps={(control) => ({
          'aria-label': control === 'previous' ? t.previous : control === 'next' ? t.next : control,
        })}
        getItemProps={(p) => ({ 'aria-label': t.page(p, pages) })}
      />
    </Group>
  );
}

/** "leerjaar 3 havo (profiel)". */
export function gradeLevel(grade: number, level: string, profile?: string | null): string {
  return `${t.grade(grade)} ${level}${profile ? ` (${profile})` : ''}`;
}
