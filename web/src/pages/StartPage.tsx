import { PageHeader } from '../components/ui';

export default function StartPage() {
  return <PageHeader title="StartPage" />;
}
