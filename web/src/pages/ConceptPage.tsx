import { lazy, Suspense } from 'react';
import { Link, NavLink, Route, Routes, useParams } from 'react-router-dom';
import { get } from '../api';
import { useLoad } from '../hooks';
import { ErrorBox, Loading, Page } from '../ui';
import { AssetView } from './concepts/AssetView';
import { ClassifierView } from './concepts/ClassifierView';
import { ConnectionView } from './concepts/ConnectionView';
import { conceptApi } from './concepts/load';
import { LfView } from './concepts/LfView';
import { ModelsView } from './concepts/ModelsView';
import { SnorkelView } from './concepts/SnorkelView';
import type { Concept } from './concepts/types';
import './concepts/concepts.css';

// the graph library is fetched only by the graph view
const PipelineView = lazy(() =>
  import('./concepts/PipelineView').then((m) => ({ default: m.PipelineView })),
);

/**
 * /concepts/:cId/* — one concept: its pipeline graph (the index route) and the detail views of
 * its assets, jobs and models, each at its own shareable URL.
 */
export default function ConceptPage() {
  const { cId = '' } = useParams();
  const concept = useLoad(() => get<Concept>(conceptApi(cId)), [cId]);
  const base = `/concepts/${cId}`;
  return (
    <div className="cp">
      <Page title={concept.data?.name ?? `Concept ${cId}`}>
        {concept.data?.description && <p className="muted">{concept.data.description}</p>}
        <nav aria-label="Concept" className="cp-tabs">
          <Link to="/concepts">← All concepts</Link>
          <NavLink end to={base}>
            Pipeline
          </NavLink>
          <NavLink to={`${base}/models`}>Models</NavLink>
        </nav>
        {concept.error ? (
          <ErrorBox error={concept.error} retry={concept.reload} />
        ) : (
          <Suspense fallback={<Loading what="the view" />}>
            <Routes>
              <Route index element={<PipelineView cId={cId} />} />
              <Route path="lfs/:lfId" element={<LfView cId={cId} />} />
              <Route path="snorkel/:jobId" element={<SnorkelView cId={cId} />} />
              <Route path="classifiers/:jobId" element={<ClassifierView cId={cId} />} />
              <Route path="models" element={<ModelsView cId={cId} />} />
              <Route path="connection/:connId" element={<ConnectionView />} />
              <Route path=":type/:id" element={<AssetView cId={cId} />} />
              <Route path="*" element={<p>No such page in this concept.</p>} />
            </Routes>
          </Suspense>
        )}
      </Page>
    </div>
  );
}
