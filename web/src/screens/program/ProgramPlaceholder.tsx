import { Placeholder } from '../../app/Placeholder';

export default function ProgramPlaceholder() {
  return <Placeholder title="Chương trình mục tiêu quốc gia giảm nghèo bền vững" />;
}
