import { Page } from '../ui';

export default function ConceptPage() {
  return <Page title="ConceptPage">Not built yet.</Page>;
}
