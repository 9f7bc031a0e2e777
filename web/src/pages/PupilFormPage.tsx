import { PageHeader } from '../components/ui';

export default function PupilFormPage() {
  return <PageHeader title="PupilFormPage" />;
}
