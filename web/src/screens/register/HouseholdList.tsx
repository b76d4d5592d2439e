import { Placeholder } from '../../app/Placeholder';

export default function HouseholdList() {
  return <Placeholder title="Sổ hộ gia đình" />;
}
