import { Page } from '../ui';

export default function RunPage() {
  return <Page title="RunPage">Not built yet.</Page>;
}
