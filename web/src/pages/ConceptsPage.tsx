import { Page } from '../ui';

export default function ConceptsPage() {
  return <Page title="ConceptsPage">Not built yet.</Page>;
}
