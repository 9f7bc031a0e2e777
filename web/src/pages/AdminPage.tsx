/**
 * /beheer and /beheer/:tab: the office's administration, one tab per address (scholen,
 * gebruikers, voorrang, instellingen, audit). The tabs are links, so each can be bookmarked or opened anew.
 */
import { Box, Group, UnstyledButton } from '@mantine/core';
import { Link, Navigate, useParams } from 'react-router';
import { PageHeader } from '../components/ui';
import { t } from '../messages';
import { AuditTab } from './office/AuditTab';
import { PriorityTab } from './office/PriorityTab';
import { SchoolsTab } from './office/SchoolsTab';
import { SettingsTab } from './office/SettingsTab';
import { UsersTab } from './office/UsersTab';

const m = t.office.admin;
const TABS = ['scholen', 'gebruikers', 'voorrang', 'instellingen', 'audit'] as const;
type Tab = (typeof TABS)[number];

export default function AdminPage() {
  const { tab } = useParams();
  if (!tab) return <Navigate to="/beheer/scholen" replace />;
  if (!TABS.includes(tab as Tab)) return <Navigate to="/beheer/scholen" replace />;
  const current = tab as Tab;

  return (
    <>
      <PageHeader title={`${m.title}: ${m.tabs[current]}`} intro={m.intro} />
      <Box
        component="nav"
        aria-label={m.tabsLabel}
        mb="lg"
        style={{ borderBottom: '2px solid var(--mantine-color-gray-3)' }}
      >
        <Group gap={0} wrap="wrap">
          {TABS.map((key) => {
            const active = key === current;
            return (
              <UnstyledButton
                key={key}
                component={Link}
                to={`/beheer/${key}`}
                aria-current={active ? 'page' : undefined}
                px="md"
                py="sm"
                fw={active ? 700 : 500}
                c={active ? 'blue.8' : 'dark.6'}
                style={{
                  borderBottom: `3px solid ${active ? 'var(--mantine-color-blue-7)' : 'transparent'}`,
                  marginBottom: -2,
                  fontSize: 'var(--mantine-font-size-sm)',
                }}
              >
                {m.tabs[key]}
              </UnstyledButton>
            );
          })}
        </Group>
      </Box>
      {current === 'scholen' && <SchoolsTab />}
      {current === 'gebruikers' && <UsersTab />}
      {current === 'voorrang' && <PriorityTab />}
      {current === 'instellingen' && <SettingsTab />}
      {current === 'audit' && <AuditTab />}
    </>
  );
}
