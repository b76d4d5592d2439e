import { Placeholder } from '../../app/Placeholder';

export default function DashboardPlaceholder() {
  return <Placeholder title="Tổng quan" />;
}
