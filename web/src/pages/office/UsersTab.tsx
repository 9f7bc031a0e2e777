/**
 * Beheer → Gebruikers: who can log in, with role and schools; create, edit, disable, and send a
 * password-reset link. A new user never gets a password from the office: Overstap sets a random
 * one nobody knows and mails a link to choose one.
 */
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Menu,
  Modal,
  MultiSelect,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconDots,
  IconMail,
  IconPlus,
  IconShieldOff,
  IconUserCheck,
  IconUserOff,
} from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, call } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useMe, type Role } from '../../auth/session';
import { Pager, QueryState } from '../../components/ui';
import { t } from '../../messages';
import { fieldMessages, formError, keys, useAllSchools, type UserView } from './api';
import { EditForm } from './EditForm';

const m = t.office.admin.users;
const LIMIT = 50;
const ROLES: Role[] = ['coordinator', 'advisor', 'admin'];
const LABELS = {
  name: m.name,
  email: m.email,
  role: m.role,
  schoolIds: m.schools,
  password: m.password,
};

/** A password nobody knows: the user chooses their own through the reset link. */
function randomPassword(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes))
    .replace(/[+/=]/g, '')
    .concat('Aa1!');
}

export function UsersTab() {
  const me = useMe();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<string | null>(null);
  const [schoolId, setSchoolId] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<UserView | 'new' | null>(null);
  const [confirm, setConfirm] = useState<{
    kind: 'reset' | 'disable' | 'twoFactor';
    user: UserView;
  } | null>(null);
  const schools = useAllSchools();
  const schoolName = new Map((schools.data ?? []).map((s) => [s.id, s.name]));

  const list = useQuery({
    queryKey: [...keys.users, role, schoolId, page],
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(
        api.GET('/api/users', {
          params: {
            query: {
              role: (role ?? undefined) as Role | undefined,
              schoolId: schoolId ?? undefined,
              page,
              limit: LIMIT,
            },
          },
        }),
      ),
  });
  const rows = list.data?.items ?? [];

  const reset = useMutation({
    mutationFn: (u: UserView) =>
      call(api.POST('/api/users/{id}/reset-password', { params: { path: { id: u.id } } })),
    onSuccess: (_d, u) => {
      notifications.show({ color: 'green', message: m.resetSent(u.email) });
      setConfirm(null);
    },
  });
  const resetTwoFactor = useMutation({
    mutationFn: (u: UserView) =>
      call(api.POST('/api/users/{id}/two-factor/reset', { params: { path: { id: u.id } } })),
    onSuccess: async (_d, u) => {
      await queryClient.invalidateQueries({ queryKey: keys.users });
      notifications.show({ color: 'green', message: m.twoFactorResetDone(u.name) });
      setConfirm(null);
    },
  });
  const toggle = useMutation({
    mutationFn: (u: UserView) =>
      call(
        api.PATCH('/api/users/{id}', {
          params: { path: { id: u.id } },
          body: { disabled: !u.disabled },
        }),
      ),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: keys.users });
      notifications.show({
        color: 'green',
        message: saved.disabled ? m.disabledDone(saved.name) : m.enabledDone(saved.name),
      });
      setConfirm(null);
    },
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Group gap="sm" align="flex-end">
          <Select
            label={m.role}
            placeholder={m.roleAll}
            data={ROLES.map((r) => ({ value: r, label: t.roles[r] }))}
            value={role}
            onChange={(v) => {
              setRole(v);
              setPage(1);
            }}
            clearable
            w={220}
          />
          <Select
            label={m.school}
            placeholder={m.schoolAll}
            data={(schools.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            value={schoolId}
            onChange={(v) => {
              setSchoolId(v);
              setPage(1);
            }}
            searchable
            clearable
            w={300}
          />
        </Group>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
          {m.create}
        </Button>
      </Group>
      <QueryState isPending={list.isPending} error={list.error}>
        {!rows.length ? (
          <Alert color="blue" variant="light">
            {m.empty}
          </Alert>
        ) : (
          <>
            <Table.ScrollContainer minWidth={900}>
              <Table striped highlightOnHover verticalSpacing="xs">
                <Table.Caption>{m.caption}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{m.name}</Table.Th>
                    <Table.Th scope="col">{m.email}</Table.Th>
                    <Table.Th scope="col">{m.role}</Table.Th>
                    <Table.Th scope="col">{m.schools}</Table.Th>
                    <Table.Th scope="col">{m.status}</Table.Th>
                    <Table.Th scope="col">
                      <VisuallyHidden>{m.actions}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((u) => {
                    const self = u.id === me.id;
                    return (
                      <Table.Tr key={u.id}>
                        <Table.Th scope="row" fw={500}>
                          {u.name} {self && m.you}
                        </Table.Th>
                        <Table.Td>{u.email}</Table.Td>
                        <Table.Td>{t.roles[u.role] ?? u.role}</Table.Td>
                        <Table.Td>
                          {u.schoolIds.length
                            ? u.schoolIds.map((id) => schoolName.get(id) ?? '…').join(', ')
                            : m.none}
                        </Table.Td>
                        <Table.Td w={130}>
                          <Badge
                            styles={{ label: { overflow: 'visible' } }}
                            variant="light"
                            color={u.disabled ? 'gray' : 'green'}
                            tt="none"
                            c="dark.8"
                          >
                            {u.disabled ? m.disabled : m.active}
                          </Badge>
                          {u.twoFactorEnabled && (
                            <Badge
                              ml={4}
                              variant="light"
                              color="blue"
                              tt="none"
                              c="dark.8"
                              title={m.twoFactorTitle}
                            >
                              {m.twoFactorBadge}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Group gap={6} wrap="nowrap">
                            <Button
                              size="xs"
                              variant="light"
                              onClick={() => setEditing(u)}
                              aria-label={m.editLabel(u.name)}
                            >
                              {m.edit}
                            </Button>
                            <Menu position="bottom-end" withinPortal>
                              <Menu.Target>
                                <ActionIcon
                                  variant="subtle"
                                  aria-label={m.moreLabel(u.name)}
                                  title={m.more}
                                >
                                  <IconDots size={16} aria-hidden />
                                </ActionIcon>
                              </Menu.Target>
                              <Menu.Dropdown>
                                <Menu.Item
                                  leftSection={<IconMail size={14} aria-hidden />}
                                  disabled={u.disabled}
                                  onClick={() => {
                                    reset.reset();
                                    setConfirm({ kind: 'reset', user: u });
                                  }}
                                >
                                  {m.reset}
                                </Menu.Item>
                                {!self && (
                                  <Menu.Item
                                    leftSection={<IconShieldOff size={14} aria-hidden />}
                                    disabled={!u.twoFactorEnabled}
                                    onClick={() => {
                                      resetTwoFactor.reset();
                                      setConfirm({ kind: 'twoFactor', user: u });
                                    }}
                                  >
                                    {m.twoFactorReset}
                                  </Menu.Item>
                                )}
                                {!self &&
                                  (u.disabled ? (
                                    <Menu.Item
                                      leftSection={<IconUserCheck size={14} aria-hidden />}
                                      onClick={() => toggle.mutate(u)}
                                    >
                                      {m.enable}
                                    </Menu.Item>
                                  ) : (
                                    <Menu.Item
                                      color="red"
                                      leftSection={<IconUserOff size={14} aria-hidden />}
                                      onClick={() => setConfirm({ kind: 'disable', user: u })}
                                    >
                                      {m.disable}
                                    </Menu.Item>
                                  ))}
                              </Menu.Dropdown>
                            </Menu>
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Pager page={page} total={list.data?.total ?? 0} limit={LIMIT} onChange={setPage} />
          </>
        )}
      </QueryState>

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' || !editing ? m.newTitle : m.editTitle(editing.name)}
        size="lg"
      >
        {editing && (
          <UserForm
            key={editing === 'new' ? 'new' : editing.id}
            user={editing === 'new' ? null : editing}
            self={editing !== 'new' && editing.id === me.id}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>

      <Modal
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={
          confirm?.kind === 'disable'
            ? m.disableConfirmTitle
            : confirm?.kind === 'twoFactor'
              ? m.twoFactorResetTitle
              : m.resetConfirmTitle
        }
        centered
      >
        {confirm && (
          <Stack gap="md">
            <Text size="sm">
              {confirm.kind === 'disable'
                ? m.disableConfirm(confirm.user.name)
                : confirm.kind === 'twoFactor'
                  ? m.twoFactorResetConfirm(confirm.user.name)
                  : m.resetConfirm(confirm.user.name, confirm.user.email)}
            </Text>
            {reset.error && confirm.kind === 'reset' && (
              <Alert color="red" variant="light" role="alert">
                {errorMessage(reset.error)}
              </Alert>
            )}
            {resetTwoFactor.error && confirm.kind === 'twoFactor' && (
              <Alert color="red" variant="light" role="alert">
                {errorMessage(resetTwoFactor.error)}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirm(null)}>
                {t.cancel}
              </Button>
              {confirm.kind === 'disable' ? (
                <Button
                  color="red"
                  loading={toggle.isPending}
                  onClick={() => toggle.mutate(confirm.user)}
                >
                  {m.disableYes}
                </Button>
              ) : confirm.kind === 'twoFactor' ? (
                <Button
                  color="red"
                  loading={resetTwoFactor.isPending}
                  onClick={() => resetTwoFactor.mutate(confirm.user)}
                >
                  {m.twoFactorResetYes}
                </Button>
              ) : (
                <Button loading={reset.isPending} onClick={() => reset.mutate(confirm.user)}>
                  {m.resetYes}
                </Button>
              )}
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

function UserForm({
  user,
  self,
  onDone,
}: {
  user: UserView | null;
  self: boolean;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const schools = useAllSchools();
  const [name, setName] = useState(user?.name ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'coordinator');
  const [schoolIds, setSchoolIds] = useState<string[]>(user?.schoolIds ?? []);
  const [sendLink, setSendLink] = useState(true);
  const [tried, setTried] = useState(false);
  const needsSchool = role === 'coordinator' && schoolIds.length === 0;

  const save = useMutation({
    mutationFn: async () => {
      const ids = role === 'coordinator' ? schoolIds : [];
      if (user) {
        return {
          saved: await call(
            api.PATCH('/api/users/{id}', {
              params: { path: { id: user.id } },
              body: self ? { name: name.trim() } : { name: name.trim(), role, schoolIds: ids },
            }),
          ),
          mailed: false,
        };
      }
      const saved = await call(
        api.POST('/api/users', {
          body: {
            name: name.trim(),
            email: email.trim(),
            role,
            schoolIds: ids,
            password: randomPassword(),
          },
        }),
      );
      if (sendLink)
        await call(
          api.POST('/api/users/{id}/reset-password', { params: { path: { id: saved.id } } }),
        );
      return { saved, mailed: sendLink };
    },
    onSuccess: async ({ saved, mailed }) => {
      await queryClient.invalidateQueries({ queryKey: keys.users });
      notifications.show({
        color: 'green',
        message: user
          ? m.saved(saved.name)
          : mailed
            ? m.createdMailed(saved.name, saved.email)
            : m.created(saved.name),
      });
      onDone();
    },
  });
  const errors = fieldMessages(save.error, LABELS, 'email');
  const general = formError(save.error, errors);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (needsSchool) return;
    save.mutate();
  };

  return (
    <EditForm onSubmit={submit} onCancel={onDone} general={general} saving={save.isPending}>
      <TextInput
        label={m.name}
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={errors.name}
        data-autofocus
      />
      <TextInput
        label={m.email}
        type="email"
        required={!user}
        value={email}
        onChange={(e) => setEmail(e.currentTarget.value)}
        error={errors.email}
        disabled={!!user}
        autoComplete="off"
      />
      <Select
        label={m.role}
        required
        data={ROLES.map((r) => ({ value: r, label: t.roles[r] }))}
        value={role}
        onChange={(v) => v && setRole(v as Role)}
        allowDeselect={false}
        error={errors.role}
        disabled={self}
        description={self ? m.selfHint : user ? m.roleChangeHint : undefined}
      />
      {role === 'coordinator' && (
        <MultiSelect
          label={m.schools}
          description={m.schoolsHint}
          placeholder={schoolIds.length ? undefined : m.schoolsPlaceholder}
          required
          searchable
          data={(schools.data ?? []).map((s) => ({
            value: s.id,
            label: `${s.name} (${s.brin})`,
          }))}
          value={schoolIds}
          onChange={setSchoolIds}
          error={errors.schoolIds ?? (tried && needsSchool ? m.schoolsRequired : undefined)}
          disabled={self}
          hidePickedOptions
        />
      )}
      {!user && (
        <Checkbox
          label={m.sendLink}
          description={m.sendLinkHint}
          checked={sendLink}
          onChange={(e) => setSendLink(e.currentTarget.checked)}
        />
      )}
    </EditForm>
  );
}
