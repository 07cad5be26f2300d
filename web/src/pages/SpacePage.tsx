import { Page } from '../ui';

export default function SpacePage() {
  return <Page title="SpacePage">Not built yet.</Page>;
}
