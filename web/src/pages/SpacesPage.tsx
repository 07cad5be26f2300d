import { Page } from '../ui';
import { SpaceSearch } from './spaces/SpaceSearch';
import { SpaceTree } from './spaces/SpaceTree';
import './spaces/spaces.css';

/** /spaces: search spaces by name (?search=) and browse the space tree. */
export default function SpacesPage() {
  return (
    <Page title="Spaces">
      <SpaceSearch />
      <section aria-labelledby="space-tree-title" className="card">
        <h2 id="space-tree-title">Space tree</h2>
        <p className="muted">Expand a space to load its children; open a name for its details.</p>
        <SpaceTree />
      </section>
    </Page>
  );
}
