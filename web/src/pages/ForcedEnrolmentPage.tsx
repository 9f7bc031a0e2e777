/**
 * What an admin or advisor (or a coordinator whose region requires it) without a second factor
 * sees after logging in, whatever address they open: enrolment, and nothing else, as the API
 * answers every other request of such a session with 403 until it is done.
 */
import { Anchor, Stack, Text } from '@mantine/core';
import { useSession } from '../auth/session';
import { t } from '../messages';
import { Enrolment } from './account/TwoFactor';
import { PublicFrame } from './PublicPages';

export default function ForcedEnrolmentPage() {
  const { reloadMe, logout } = useSession();
  return (
    <PublicFrame title={t.auth.enrolForcedTitle} maw={640}>
      <Stack gap="lg">
        <Text size="sm">{t.auth.enrolForcedIntro}</Text>
        <Enrolment onDone={() => void reloadMe()} />
        <Anchor component="button" type="button" size="sm" ta="center" onClick={() => logout()}>
          {t.nav.logout}
        </Anchor>
      </Stack>
    </PublicFrame>
  );
}
