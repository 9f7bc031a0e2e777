import { PageHeader } from '../components/ui';

export default function ContactsPage() {
  return <PageHeader title="ContactsPage" />;
}
