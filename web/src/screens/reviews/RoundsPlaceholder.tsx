import { Placeholder } from '../../app/Placeholder';

export default function RoundsPlaceholder() {
  return <Placeholder title="Đợt rà soát" />;
}
