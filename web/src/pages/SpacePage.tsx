import { Link, useParams } from 'react-router-dom';
import { get } from '../api';
import { useLoad } from '../hooks';
import { ErrorBox, Loading, Page } from '../ui';
import { SpaceChildren } from './spaces/SpaceChildren';
import { SpaceDatasets } from './spaces/SpaceDatasets';
import { SpaceDetails } from './spaces/SpaceDetails';
import { SubtreeSize } from './spaces/SubtreeSize';
import { parseId, spaceLabel, type Space } from './spaces/types';
import './spaces/spaces.css';

/** /spaces/:spaceId: one space, its parent, children, subtree size and occupancy datasets. */
export default function SpacePage() {
  const { spaceId } = useParams();
  const id = parseId(spaceId);
  if (id === null) {
    return (
      <Page title="Space">
        <ErrorBox error={`“${spaceId ?? ''}” is not a space id (a positive whole number).`} />
        <BackLink />
      </Page>
    );
  }
  // keyed: another space starts from its own loading state, not the last one's data
  return <SpaceView key={id} id={id} />;
}

function SpaceView({ id }: { id: number }) {
  const { data: space, error, reload } = useLoad(() => get<Space>(`/spaces/${id}`), [id]);
  const title = space ? spaceLabel(space) : `Space #${id}`;
  return (
    <Page title={title}>
      <BackLink />
      {error ? (
        <ErrorBox error={error} retry={reload} />
      ) : !space ? (
        <Loading what="the space" />
      ) : (
        <>
          <section className="card" aria-labelledby="space-about">
            <h2 id="space-about">About</h2>
            <SpaceDetails space={space} />
            <SubtreeSize id={id} />
          </section>
          <section className="card" aria-labelledby="space-children">
            <h2 id="space-children">Children</h2>
            <SpaceChildren id={id} />
          </section>
          <section className="card" aria-labelledby="space-datasets">
            <h2 id="space-datasets">Occupancy datasets</h2>
            <SpaceDatasets id={id} />
          </section>
        </>
      )}
    </Page>
  );
}

function BackLink() {
  return (
    <p>
      <Link to="/spaces">← All spaces</Link>
    </p>
  );
}
