import {
  AppShell,
  Burger,
  Group,
  Menu,
  NavLink,
  Select,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAddressBook,
  IconArrowsShuffle,
  IconBell,
  IconCalendar,
  IconChartLine,
  IconHeartHandshake,
  IconSettings,
  IconTable,
  IconUserPlus,
  IconChevronDown,
  IconHome,
  IconInbox,
  IconLayoutGrid,
  IconLogout,
  IconSchool,
  IconUser,
  IconUsers,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useSession, useMe } from '../auth/session';
import { useWorkspace } from '../auth/workspace';
import { t } from '../messages';
import { pageRoutes, type PageRoute } from '../routes';

const ICONS: Record<NonNullable<PageRoute['icon']>, ReactNode> = {
  home: <IconHome size={18} aria-hidden />,
  places: <IconSchool size={18} aria-hidden />,
  board: <IconLayoutGrid size={18} aria-hidden />,
  pupils: <IconUsers size={18} aria-hidden />,
  proposals: <IconInbox size={18} aria-hidden />,
  contacts: <IconAddressBook size={18} aria-hidden />,
  bell: <IconBell size={18} aria-hidden />,
  user: <IconUser size={18} aria-hidden />,
  mediation: <IconHeartHandshake size={18} aria-hidden />,
  mover: <IconUserPlus size={18} aria-hidden />,
  table: <IconTable size={18} aria-hidden />,
  calendar: <IconCalendar size={18} aria-hidden />,
  rounds: <IconArrowsShuffle size={18} aria-hidden />,
  admin: <IconSettings size={18} aria-hidden />,
  chart: <IconChartLine size={18} aria-hidden />,
};

/** The frame of every page after log-in: header (school, season, account) and the menu. */
export function Shell({ children }: { children: ReactNode }) {
  const me = useMe();
  const { logout } = useSession();
  const ws = useWorkspace();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const items = pageRoutes.filter((r) => r.nav && r.roles.includes(me.role));
  const active = (path: string) =>
    path === '/' ? location.pathname === '/' : location.pathname.startsWith(path);

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <a className="skip-link" href="#inhoud">
        {t.skipToContent}
      </a>
      <AppShell.Header className="app-header">
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t.nav.openMenu}
              color="white"
            />
            <Link to="/" className="brand" aria-label={`${t.appName}, ${t.nav.start}`}>
              <img src="/favicon.svg" alt="" width={28} height={28} />
              <span>{t.appName}</span>
            </Link>
            {ws.season && (
              <Text size="sm" c="blue.1" visibleFrom="md">
                {t.nav.season} {ws.season.name}
              </Text>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            {ws.schools.length > 1 && (
              <Select
                aria-label={t.nav.schoolSwitch}
                data={ws.schools.map((s) => ({ value: s.id, label: s.name }))}
                value={ws.school?.id ?? null}
                onChange={(v) => v && ws.setSchoolId(v)}
                allowDeselect={false}
                w={260}
                size="sm"
                comboboxProps={{ withinPortal: true }}
              />
            )}
            {ws.schools.length === 1 && ws.school && (
              <Text size="sm" c="white" fw={600} visibleFrom="sm">
                {ws.school.name}
              </Text>
            )}
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton className="user-button">
                  <Group gap={6} wrap="nowrap">
                    <IconUser size={18} aria-hidden />
                    <span>
                      {me.name}
                      <VisuallyHidden>, {t.roles[me.role]}</VisuallyHidden>
                    </span>
                    <IconChevronDown size={14} aria-hidden />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t.roles[me.role]}</Menu.Label>
                <Menu.Item
                  leftSection={<IconUser size={16} aria-hidden />}
                  onClick={() => navigate('/account')}
                >
                  {t.nav.account}
                </Menu.Item>
                <Menu.Item
                  leftSection={<IconLogout size={16} aria-hidden />}
                  onClick={() => void logout().then(() => navigate('/inloggen'))}
                >
                  {t.nav.logout}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" component="nav" aria-label={t.nav.label}>
        {items.map((r) => (
          <NavLink
            key={r.path}
            component={Link}
            to={r.path}
            label={r.nav}
            leftSection={r.icon ? ICONS[r.icon] : undefined}
            active={active(r.path)}
            aria-current={active(r.path) ? 'page' : undefined}
            onClick={close}
            className="nav-link"
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="inhoud" tabIndex={-1}>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
