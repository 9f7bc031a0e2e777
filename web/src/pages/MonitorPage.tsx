/**
 * /monitor, the seizoensmonitor, for advisors, the office and coordinators: how far the season is
 * from its goal (every pupil placed before the summer holiday), pupils per status through the
 * season, shortage and surplus of places per leerjaar × niveau, and the share placed per sending
 * school. Counts only. Coordinators get their own school's row and the region's totals (the API
 * scopes it). The page is lazy-loaded, so the charts (recharts) load with it and not before.
 */
import '@mantine/charts/styles.css';
import { Alert, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { api, call, download } from '../api/client';
import { errorMessage } from '../api/errors';
import { useMe } from '../auth/session';
import { useWorkspace } from '../auth/workspace';
import { PageHeader, QueryState } from '../components/ui';
import { t } from '../messages';
import { heatGrid, type MonitorView } from './monitor/data';
import { GradeLevelFigures } from './monitor/GradeLevelFigures';
import { HeatMap } from './monitor/HeatMap';
import { Headline } from './monitor/Headline';
import { SchoolTable } from './monitor/SchoolTable';
import { TimelineChart } from './monitor/TimelineChart';

const m = t.monitor;
type Part = 'grade-level' | 'school';

function Section({
  id,
  title,
  intro,
  action,
  children,
}: {
  id: string;
  title: string;
  intro?: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <Group justify="space-between" align="flex-end" mb="xs" wrap="wrap" gap="sm">
        <Stack gap={2} maw={760}>
          <Title order={2} size="h4" id={id}>
            {title}
          </Title>
          {intro && (
            <Text size="sm" c="gray.7">
              {intro}
            </Text>
          )}
        </Stack>
        {action}
      </Group>
      {children}
    </section>
  );
}

export default function MonitorPage() {
  const me = useMe();
  const ws = useWorkspace();
  const seasonId = ws.season?.id;
  const coordinator = me.role === 'coordinator';

  const monitorQ = useQuery({
    queryKey: ['monitor', seasonId],
    enabled: !!seasonId,
    queryFn: async () =>
      (await call(
        api.GET('/api/seasons/{seasonId}/monitor', { params: { path: { seasonId: seasonId! } } }),
      )) as MonitorView,
  });

  const timelineQ = useQuery({
    queryKey: ['monitor', seasonId, 'timeline'],
    enabled: !!seasonId,
    queryFn: () =>
      call(
        api.GET('/api/seasons/{seasonId}/monitor/timeline', {
          params: { path: { seasonId: seasonId! } },
        }),
      ),
  });

  const grid = useMemo(() => heatGrid(timelineQ.data?.gradeLevels ?? []), [timelineQ.data]);

  const csv = useMutation({
    mutationFn: (part: Part) =>
      download(
        `/api/seasons/${seasonId}/monitor.csv?part=${part}`,
        m.downloadFile(
          ws.season?.name ?? '',
          part === 'school' ? 'per-school' : 'per-leerjaar-niveau',
        ),
      ),
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });
  const csvButton = (part: Part) => (
    <Button
      variant="default"
      leftSection={<IconDownload size={16} aria-hidden />}
      onClick={() => csv.mutate(part)}
      loading={csv.isPending && csv.variables === part}
      aria-label={part === 'school' ? m.downloadSchool : m.downloadGradeLevel}
    >
      {m.download}
    </Button>
  );

  const data = monitorQ.data;
  return (
    <>
      <PageHeader title={m.title} intro={ws.season ? m.intro(ws.season.name) : undefined} />
      {coordinator && (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} mb="lg" py="xs">
          {m.coordinatorScope}
        </Alert>
      )}
      {!ws.loading && !ws.season ? (
        <Alert color="yellow" variant="light">
          {t.noSeason}
        </Alert>
      ) : (
        <QueryState isPending={ws.loading || monitorQ.isPending} error={monitorQ.error}>
          {data && data.totals.total === 0 ? (
            <Alert color="blue" variant="light">
              {m.empty}
            </Alert>
          ) : (
            data && (
              <Stack gap={40}>
                <Headline data={data} />

                <Section id="monitor-timeline" title={m.timelineTitle} intro={m.timelineIntro}>
                  <QueryState isPending={timelineQ.isPending} error={timelineQ.error}>
                    {timelineQ.data && <TimelineChart timeline={timelineQ.data} />}
                  </QueryState>
                </Section>

                <Section
                  id="monitor-grade-level"
                  title={m.gradeLevelTitle}
                  action={csvButton('grade-level')}
                >
                  <Tabs defaultValue="heat" keepMounted={false}>
                    <Tabs.List mb="sm">
                      <Tabs.Tab value="heat">{m.heatTab}</Tabs.Tab>
                      <Tabs.Tab value="placed">{m.figuresTab}</Tabs.Tab>
                    </Tabs.List>
                    <Tabs.Panel value="heat">
                      <Text size="sm" c="gray.7" mb="sm" maw={760}>
                        {m.heatIntro}
                      </Text>
                      <QueryState isPending={timelineQ.isPending} error={timelineQ.error}>
                        {grid.grades.length === 0 ? (
                          <Alert color="blue" variant="light">
                            {m.heatEmpty}
                          </Alert>
                        ) : (
                          <HeatMap grid={grid} />
                        )}
                      </QueryState>
                    </Tabs.Panel>
                    <Tabs.Panel value="placed">
                      <Text size="sm" c="gray.7" mb="sm" maw={760}>
                        {m.figuresIntro}
                      </Text>
                      <GradeLevelFigures rows={data.byGradeLevel} />
                    </Tabs.Panel>
                  </Tabs>
                </Section>

                <Section
                  id="monitor-schools"
                  title={coordinator ? m.schoolTitleOwn(data.bySchool.length) : m.schoolTitle}
                  intro={coordinator ? m.schoolIntroOwn : m.schoolIntro}
                  action={csvButton('school')}
                >
                  <SchoolTable rows={data.bySchool} totals={data.totals} own={coordinator} />
                </Section>
              </Stack>
            )
          )}
        </QueryState>
      )}
    </>
  );
}
