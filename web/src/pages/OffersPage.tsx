import { PageHeader } from '../components/ui';

export default function OffersPage() {
  return <PageHeader title="OffersPage" />;
}
