import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { t } from '../messages';

function Message({ title, body }: { title: string; body: string }) {
  useEffect(() => {
    document.title = `${title} · ${t.appName}`;
  }, [title]);
  return (
    <Paper p="xl" maw={560} withBorder>
      <Stack gap="md">
        <Title order={1} size="h2">
          {title}
        </Title>
        <Text>{body}</Text>
        <Button component={Link} to="/" w="fit-content">
          {t.noAccess.home}
        </Button>
      </Stack>
    </Paper>
  );
}

export function NoAccessPage() {
  return <Message title={t.noAccess.title} body={t.noAccess.body} />;
}

export function NotFoundPage() {
  return <Message title={t.notFound.title} body={t.notFound.body} />;
}
