import { Link } from 'react-router-dom';
import { STAGES, TYPE_LABEL, type PipeEdge, type PipeNode } from './graph';
import { NodeStatus, StaleMark } from './bits';

/** The graph's nodes as plain lists by stage, each with what feeds it (for screen readers too). */
export function PipelineList({ nodes, edges }: { nodes: PipeNode[]; edges: PipeEdge[] }) {
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const from = new Map<string, PipeNode[]>();
  for (const e of edges) {
    const src = byKey.get(e.source);
    if (src) from.set(e.target, [...(from.get(e.target) ?? []), src]);
  }
  return (
    <div className="pipe-list">
      {STAGES.map((stage, s) => {
        const col = nodes.filter((n) => n.stage === s);
        if (!col.length) return null;
        return (
          <section key={stage.label} aria-labelledby={`stage-${s}`}>
            <h3 id={`stage-${s}`}>
              {stage.label} <span className="muted">({col.length})</span>
            </h3>
            <ul>
              {col.map((n) => {
                const inputs = from.get(n.key) ?? [];
                return (
                  <li key={n.key} data-testid={`list-${n.key}`}>
                    <Link to={n.href}>{n.name}</Link>{' '}
                    <span className="muted">
                      ({TYPE_LABEL[n.type]} {n.id})
                    </span>{' '}
                    <NodeStatus node={n} /> {n.stale && <StaleMark reasons={n.reasons} />}
                    {inputs.length > 0 && (
                      <span className="muted pipe-from">
                        {' '}
                        from {inputs.map((i) => `${TYPE_LABEL[i.type]} ${i.name}`).join(', ')}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
