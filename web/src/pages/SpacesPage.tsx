import { Page } from '../ui';

export default function SpacesPage() {
  return <Page title="SpacesPage">Not built yet.</Page>;
}
