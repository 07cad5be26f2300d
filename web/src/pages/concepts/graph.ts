import type {
  Catalog,
  CatalogEntry,
  CatalogType,
  ClassifierJob,
  Connection,
  IndexRow,
  LabelingFunction,
  Model,
  SnorkelJob,
} from './types';

/** What the graph page loads: the catalog and the lists that say how assets connect. */
export interface PipelineData {
  catalog: Catalog;
  connections: Connection[];
  indexes: IndexRow[];
  lfs: LabelingFunction[];
  snorkelJobs: SnorkelJob[];
  classifierJobs: ClassifierJob[];
  models: Model[];
}

export type NodeType =
  'connection' | 'index' | 'rule' | 'feature' | 'lf' | 'snorkel' | 'classifier' | 'model';

export interface PipeNode {
  key: string;
  type: NodeType;
  id: number;
  name: string;
  status: string;
  stale: boolean;
  reasons: string[];
  href: string;
  stage: number;
}

export interface PipeEdge {
  key: string;
  source: string;
  target: string;
}

/** The stages, left to right: a column each (rules and features share one). */
export const STAGES: { label: string; types: NodeType[] }[] = [
  { label: 'Connections', types: ['connection'] },
  { label: 'Indexes', types: ['index'] },
  { label: 'Rules and features', types: ['rule', 'feature'] },
  { label: 'Labeling functions', types: ['lf'] },
  { label: 'Snorkel jobs', types: ['snorkel'] },
  { label: 'Classifier jobs', types: ['classifier'] },
  { label: 'Models', types: ['model'] },
];

export const TYPE_LABEL: Record<NodeType, string> = {
  connection: 'connection',
  index: 'index',
  rule: 'rule',
  feature: 'feature',
  lf: 'labeling function',
  snorkel: 'Snorkel job',
  classifier: 'classifier job',
  model: 'model',
};

const FROM_CATALOG: Record<CatalogType, NodeType> = {
  index: 'index',
  rule: 'rule',
  feature: 'feature',
  labeling_function: 'lf',
  snorkel_job: 'snorkel',
  classifier_job: 'classifier',
};

const SEGMENT: Record<NodeType, string> = {
  connection: 'connection',
  index: 'index',
  rule: 'rule',
  feature: 'feature',
  lf: 'lfs',
  snorkel: 'snorkel',
  classifier: 'classifiers',
  model: 'models',
};

export const nodeKey = (type: NodeType, id: number) => `${type}-${id}`;

export function nodeHref(cId: string | number, type: NodeType, id: number): string {
  const base = `/concepts/${cId}`;
  return type === 'model' ? `${base}/models#model-${id}` : `${base}/${SEGMENT[type]}/${id}`;
}

const stageOf = (type: NodeType) => STAGES.findIndex((s) => s.types.includes(type));

/** The nodes (by stage, then as listed) and the edges of a concept's pipeline. */
export function buildPipeline(
  cId: string | number,
  d: PipelineData,
): { nodes: PipeNode[]; edges: PipeEdge[] } {
  const nodes = new Map<string, PipeNode>();
  const edges = new Map<string, PipeEdge>();
  const add = (type: NodeType, id: number, rest: Partial<PipeNode>) => {
    const key = nodeKey(type, id);
    if (nodes.has(key)) return;
    nodes.set(key, {
      key,
      type,
      id,
      name: `${TYPE_LABEL[type]} ${id}`,
      status: '',
      stale: false,
      reasons: [],
      href: nodeHref(cId, type, id),
      stage: stageOf(type),
      ...rest,
    });
  };
  const link = (source: string, target: string) => {
    const key = `${source}->${target}`;
    edges.set(key, { key, source, target });
  };
  const fromEntry = (e: CatalogEntry): Partial<PipeNode> => ({
    name: e.name,
    status: e.status,
    stale: e.stale,
    reasons: e.stale_reasons,
  });

  for (const e of d.catalog.assets) {
    const type = FROM_CATALOG[e.asset_type];
    if (type) add(type, e.asset_id, fromEntry(e));
  }
  for (const j of d.snorkelJobs) add('snorkel', j.job_id, { status: j.status });
  for (const j of d.classifierJobs) add('classifier', j.job_id, { status: j.status });

  // connections: only those the concept's indexes read
  const conns = new Map(d.connections.map((c) => [c.conn_id, c]));
  for (const ix of d.indexes) {
    if (ix.conn_id != null) {
      const c = conns.get(ix.conn_id);
      add('connection', ix.conn_id, { name: c?.name, status: c?.connection_type ?? '' });
      link(nodeKey('connection', ix.conn_id), nodeKey('index', ix.index_id));
    }
    if (ix.derived_from)
      link(nodeKey('snorkel', ix.derived_from.job_id), nodeKey('index', ix.index_id));
  }
  for (const e of d.catalog.assets) {
    if ((e.asset_type === 'rule' || e.asset_type === 'feature') && e.index_id != null)
      link(nodeKey('index', e.index_id), nodeKey(FROM_CATALOG[e.asset_type], e.asset_id));
  }
  for (const lf of d.lfs) link(nodeKey('rule', lf.rule_id), nodeKey('lf', lf.lf_id));
  for (const j of d.snorkelJobs) {
    link(nodeKey('index', j.index_id), nodeKey('snorkel', j.job_id));
    for (const lf of j.lf_ids) link(nodeKey('lf', lf), nodeKey('snorkel', j.job_id));
  }
  const models = new Map(d.models.map((m) => [m.model_id, m]));
  for (const j of d.classifierJobs) {
    link(nodeKey('snorkel', j.snorkel_job_id), nodeKey('classifier', j.job_id));
    for (const f of j.feature_ids) link(nodeKey('feature', f), nodeKey('classifier', j.job_id));
    if (j.model_id != null) {
      const m = models.get(j.model_id);
      add('model', j.model_id, { name: m?.name, status: m ? modelStatus(m) : '' });
      link(nodeKey('classifier', j.job_id), nodeKey('model', j.model_id));
    }
  }
  // edges whose ends are both drawn (an asset of another concept, or deleted, is left out)
  const kept = [...edges.values()].filter((e) => nodes.has(e.source) && nodes.has(e.target));
  return { nodes: orderNodes([...nodes.values()], kept), edges: kept };
}

function modelStatus(m: Model): string {
  const v = m.versions.find((x) => x.version === m.latest_version) ?? m.versions.at(-1);
  return v ? `v${v.version} ${v.stage === 'none' ? 'no stage' : v.stage}` : 'no versions';
}

/**
 * By stage, then rules before features, then each node near what feeds it (the mean position
 * of its sources in earlier columns), then by id: a readable left-to-right layout.
 */
function orderNodes(nodes: PipeNode[], edges: PipeEdge[]): PipeNode[] {
  const sources = new Map<string, string[]>();
  for (const e of edges) sources.set(e.target, [...(sources.get(e.target) ?? []), e.source]);
  const pos = new Map<string, number>();
  const out: PipeNode[] = [];
  for (let s = 0; s < STAGES.length; s++) {
    const col = nodes.filter((n) => n.stage === s);
    const rank = (n: PipeNode) => {
      const ps = (sources.get(n.key) ?? []).map((k) => pos.get(k)).filter((p) => p !== undefined);
      return ps.length ? ps.reduce((a, b) => a + b, 0) / ps.length : Number.MAX_SAFE_INTEGER;
    };
    col.sort(
      (a, b) =>
        STAGES[s].types.indexOf(a.type) - STAGES[s].types.indexOf(b.type) ||
        rank(a) - rank(b) ||
        a.id - b.id,
    );
    col.forEach((n, i) => pos.set(n.key, i));
    out.push(...col);
  }
  return out;
}

/**
 * Grid positions (column, row; rows may be fractional) for nodes in `orderNodes` order: the
 * tallest column is stacked as is; the columns right of it sit each node level with the mean of
 * its sources, those left of it level with the mean of its targets, pushed down so none overlap.
 */
export function layoutPipeline(
  nodes: PipeNode[],
  edges: PipeEdge[],
): Map<string, { col: number; row: number }> {
  const used = [...new Set(nodes.map((n) => n.stage))].sort((a, b) => a - b);
  const cols = used.map((s) => nodes.filter((n) => n.stage === s));
  const pos = new Map<string, { col: number; row: number }>();
  const sources = new Map<string, string[]>();
  const targets = new Map<string, string[]>();
  for (const e of edges) {
    sources.set(e.target, [...(sources.get(e.target) ?? []), e.source]);
    targets.set(e.source, [...(targets.get(e.source) ?? []), e.target]);
  }
  const mean = (keys: string[] | undefined) => {
    const rows = (keys ?? []).map((k) => pos.get(k)?.row).filter((r) => r !== undefined);
    return rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : undefined;
  };
  const place = (c: number, near: Map<string, string[]>) => {
    let next = 0;
    const wanted = cols[c].map((n, i) => ({ n, want: mean(near.get(n.key)) ?? i }));
    wanted.sort((a, b) => a.want - b.want);
    for (const { n, want } of wanted) {
      const row = Math.max(want, next);
      pos.set(n.key, { col: c, row });
      next = row + 1;
    }
  };
  const tallest = cols.reduce((best, col, c) => (col.length > cols[best].length ? c : best), 0);
  cols[tallest].forEach((n, i) => pos.set(n.key, { col: tallest, row: i }));
  for (let c = tallest + 1; c < cols.length; c++) place(c, sources);
  for (let c = tallest - 1; c >= 0; c--) place(c, targets);
  return pos;
}
