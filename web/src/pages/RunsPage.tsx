import { Page } from '../ui';

export default function RunsPage() {
  return <Page title="RunsPage">Not built yet.</Page>;
}
