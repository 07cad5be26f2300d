import { Link } from 'react-router-dom';
import { useLoad } from '../hooks';
import { Empty, ErrorBox, Loading, Page } from '../ui';
import { getAll } from './concepts/load';
import type { Concept } from './concepts/types';
import './concepts/concepts.css';

/** /concepts — every concept, each opening its pipeline. */
export default function ConceptsPage() {
  const { data, error, loading, reload } = useLoad(() => getAll<Concept>('/concepts'), []);
  return (
    <div className="cp">
      <Page title="Concepts">
        <p className="muted">
          A concept is something to label (a device&apos;s kind, a room&apos;s use): its index,
          rules, features, labeling functions, Snorkel and classifier jobs and models form its
          pipeline.
        </p>
        {error ? (
          <ErrorBox error={error} retry={reload} />
        ) : loading && !data ? (
          <Loading what="the concepts" />
        ) : !data?.length ? (
          <Empty>No concepts yet. Create one with POST /concepts.</Empty>
        ) : (
          <table>
            <caption className="sr-only">Concepts</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Description</th>
                <th scope="col">Id</th>
              </tr>
            </thead>
            <tbody>
              {data.map((c) => (
                <tr key={c.c_id}>
                  <td>
                    <Link to={`/concepts/${c.c_id}`}>{c.name}</Link>
                  </td>
                  <td>{c.description || <span className="muted">none</span>}</td>
                  <td>{c.c_id}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Page>
    </div>
  );
}
