import { PageHeader } from '../components/ui';

export default function PupilsPage() {
  return <PageHeader title="PupilsPage" />;
}
