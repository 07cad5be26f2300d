import { Page } from '../ui';

export default function DatasetPage() {
  return <Page title="DatasetPage">Not built yet.</Page>;
}
