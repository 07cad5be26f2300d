import { Page } from '../ui';

export default function OccupancyPage() {
  return <Page title="OccupancyPage">Not built yet.</Page>;
}
