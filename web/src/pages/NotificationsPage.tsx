/**
 * /meldingen: the user's own notices, unread first, each with its page in the app; marking one
 * read here or by opening it.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconInfoCircle } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call } from '../api/client';
import { errorMessage } from '../api/errors';
import { PageHeader, Pager, QueryState } from '../components/ui';
import { formatDateTime, t } from '../messages';
import { noticeKind, noticePath, useMarkRead, type Notice } from './start/notification-parts';

const tn = t.pages.notifications;
const LIMIT = 25;

export default function NotificationsPage() {
  const [page, setPage] = useState(1);
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const q = useQuery({
    queryKey: ['notifications', { page, limit: LIMIT, unread: filter }],
    queryFn: () =>
      call(
        api.GET('/api/notifications', {
          params: {
            query: { page, limit: LIMIT, ...(filter === 'unread' ? { unread: true } : {}) },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const markRead = useMarkRead();
  const [busyAll, setBusyAll] = useState(false);
  const unreadHere = (q.data?.items ?? []).filter((n) => !n.readAt);

  const markAll = async () => {
    setBusyAll(true);
    try {
      for (const n of unreadHere) await markRead.mutateAsync(n.id);
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(err) });
    } finally {
      setBusyAll(false);
    }
  };

  return (
    <>
      <PageHeader
        title={tn.title}
        intro={tn.intro}
        actions={
          unreadHere.length > 1 ? (
            <Button
              variant="default"
              onClick={() => void markAll()}
              loading={busyAll}
              leftSection={<IconCheck size={16} aria-hidden />}
            >
              {tn.markAllRead}
            </Button>
          ) : undefined
        }
      />
      <Stack gap={4} mb="md">
        <Text size="sm" fw={500} id="meldingen-filter">
          {tn.filterLabel}
        </Text>
        <SegmentedControl
          aria-labelledby="meldingen-filter"
          value={filter}
          onChange={(v) => {
            setFilter(v as 'all' | 'unread');
            setPage(1);
          }}
          data={[
            { value: 'all', label: tn.filterAll },
            {
              value: 'unread',
              label: q.data ? `${tn.filterUnread} (${q.data.unread})` : tn.filterUnread,
            },
          ]}
          w="fit-content"
        />
      </Stack>
      <QueryState isPending={q.isPending} error={q.error}>
        {q.data && q.data.items.length === 0 ? (
          <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
            {filter === 'unread' ? tn.emptyUnread : tn.empty}
          </Alert>
        ) : (
          q.data && (
            <>
              <Paper withBorder radius="md" px="md" pt="xs" pb="xs">
                <Table.ScrollContainer minWidth={640}>
                  <Table verticalSpacing="sm" highlightOnHover captionSide="top">
                    <Table.Caption style={{ textAlign: 'left' }}>
                      {tn.caption(q.data.unread)}
                    </Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{tn.subject}</Table.Th>
                        <Table.Th scope="col" w={190}>
                          {tn.received}
                        </Table.Th>
                        <Table.Th scope="col" w={220}>
                          <VisuallyHidden>{tn.action}</VisuallyHidden>
                        </Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {q.data.items.map((n) => (
                        <NoticeRow
                          key={n.id}
                          n={n}
                          onRead={() => markRead.mutate(n.id)}
                          busy={markRead.isPending && markRead.variables === n.id}
                        />
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Paper>
              <Pager page={page} total={q.data.total} limit={LIMIT} onChange={setPage} />
            </>
          )
        )}
      </QueryState>
    </>
  );
}

function NoticeRow({ n, onRead, busy }: { n: Notice; onRead: () => void; busy: boolean }) {
  const unread = !n.readAt;
  const path = noticePath(n.link);
  const kind = noticeKind(n.kind);
  const subject = (
    <>
      {kind && (
        <Text span size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3} display="block">
          {kind}
        </Text>
      )}
      {n.subject}
    </>
  );
  return (
    <Table.Tr bg={unread ? 'blue.0' : undefined}>
      <Table.Td fw={unread ? 700 : 400}>
        <Group gap="sm" wrap="nowrap" align="flex-start">
          {unread && (
            <Badge size="sm" color="blue.8" variant="filled" tt="none" mt={2}>
              {tn.unread}
            </Badge>
          )}
          <div>
            {path ? (
              <Anchor
                component={Link}
                to={path}
                fw={unread ? 700 : 400}
                onClick={() => unread && onRead()}
              >
                {subject}
              </Anchor>
            ) : (
              subject
            )}
          </div>
        </Group>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm">{formatDateTime(n.createdAt)}</Text>
      </Table.Td>
      <Table.Td>
        {unread ? (
          <Button
            size="xs"
            variant="light"
            onClick={onRead}
            loading={busy}
            aria-label={tn.markReadFor(n.subject)}
          >
            {tn.markRead}
          </Button>
        ) : (
          <Group gap={4}>
            <IconCheck size={14} aria-hidden />
            <Text size="sm" c="dimmed">
              {tn.read}
            </Text>
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
