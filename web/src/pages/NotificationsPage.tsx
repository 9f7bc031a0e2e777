import { PageHeader } from '../components/ui';

export default function NotificationsPage() {
  return <PageHeader title="NotificationsPage" />;
}
