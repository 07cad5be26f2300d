import { useMemo } from 'react';
import { get } from '../../api';
import { useLoad } from '../../hooks';
import { Empty, ErrorBox, Loading } from '../../ui';
import { buildPipeline, type PipelineData } from './graph';
import { conceptApi, getAll, getModels, IN_FLIGHT } from './load';
import { PipelineGraph } from './PipelineGraph';
import { PipelineList } from './PipelineList';
import type {
  Catalog,
  ClassifierJob,
  Connection,
  IndexRow,
  LabelingFunction,
  SnorkelJob,
} from './types';

/** One request per list (the catalog, and what says how its assets connect), in parallel. */
/** Something of the concept is being built (the page polls meanwhile). */
const building = (p: PipelineData | null) =>
  !!p?.catalog.assets.some((a) => IN_FLIGHT.has(a.status));

async function loadPipeline(cId: string): Promise<PipelineData> {
  const base = conceptApi(cId);
  const [catalog, connections, indexes, lfs, snorkelJobs, classifierJobs, models] =
    await Promise.all([
      get<Catalog>(`${base}/catalog`),
      // names only: the graph is drawn without them if they cannot be read
      getAll<Connection>('/connections').catch(() => []),
      getAll<IndexRow>(`${base}/indexes`),
      getAll<LabelingFunction>(`${base}/labeling-functions`),
      getAll<SnorkelJob>(`${base}/snorkel/jobs`),
      getAll<ClassifierJob>(`${base}/classifiers/jobs`),
      getModels(String(cId)).catch(() => []),
    ]);
  return {
    catalog,
    connections,
    indexes,
    lfs,
    snorkelJobs,
    classifierJobs,
    models: models.filter((m) => String(m.c_id) === String(cId)),
  };
}

/** /concepts/:cId — the pipeline graph and the same nodes as a list; refreshed while runs go. */
export function PipelineView({ cId }: { cId: string }) {
  // while something builds, the page looks again every 5 s (the same few requests)
  const { data, error, reload } = useLoad(
    () => loadPipeline(cId),
    [cId],
    (p) => (building(p) ? 5000 : undefined),
  );
  const busy = building(data);
  const pipeline = useMemo(() => (data ? buildPipeline(cId, data) : null), [cId, data]);

  if (error && !data) return <ErrorBox error={error} retry={reload} />;
  if (!pipeline) return <Loading what="the pipeline" />;
  if (!pipeline.nodes.length)
    return (
      <Empty>
        This concept has no assets yet: create an index, rules and features through the API.
      </Empty>
    );
  const stale = pipeline.nodes.filter((n) => n.stale).length;
  return (
    <>
      <h2 id="graph-title">Pipeline</h2>
      <p className="muted">
        {pipeline.nodes.length} assets{stale ? `, ${stale} stale` : ''}
        {busy && ' — a build is running, this page refreshes every 5 s'}. Click a node (or Tab to it
        and press Enter) to open it.
      </p>
      <PipelineGraph nodes={pipeline.nodes} edges={pipeline.edges} />
      <h2>The pipeline as a list</h2>
      <PipelineList nodes={pipeline.nodes} edges={pipeline.edges} />
    </>
  );
}
