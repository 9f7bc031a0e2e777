import { PageHeader } from '../components/ui';

export default function BoardPage() {
  return <PageHeader title="BoardPage" />;
}
