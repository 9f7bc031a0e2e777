import { PageHeader } from '../components/ui';

export default function ProposalsPage() {
  return <PageHeader title="ProposalsPage" />;
}
