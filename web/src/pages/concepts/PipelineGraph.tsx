import { useMemo, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  Background,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  type Edge,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './pipeline.css';
import { layoutPipeline, TYPE_LABEL, type PipeEdge, type PipeNode } from './graph';
import { NodeStatus, StaleMark } from './bits';

type FlowNode = Node<{ node: PipeNode }, 'pipe'>;

const COL_W = 225;
const ROW_H = 80;
const NODE_W = 185;

/** One asset: its kind, name, status as text (and colour), and a stale marker with the reasons. */
function PipeNodeView({ data }: NodeProps<FlowNode>) {
  const n = data.node;
  return (
    <div
      className={`pipe-node pipe-${n.type}${n.stale ? ' is-stale' : ''}`}
      style={{ width: NODE_W }}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="pipe-kind">{TYPE_LABEL[n.type]}</div>
      <div className="pipe-name">{n.name}</div>
      <div className="pipe-state">
        <NodeStatus node={n} />
        {n.stale && <StaleMark reasons={n.reasons} />}
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

const nodeTypes = { pipe: PipeNodeView };

export function describeNode(n: PipeNode): string {
  const stale = n.stale ? `, stale: ${n.reasons.join('; ') || 'inputs changed'}` : '';
  return `${TYPE_LABEL[n.type]} ${n.name}${n.status ? `, status ${n.status}` : ''}${stale}`;
}

/**
 * The pipeline as a left-to-right graph: a column per stage, each node level with what feeds it
 * (layoutPipeline). Click a node, or focus it (Tab) and press Enter, to open it.
 */
export function PipelineGraph({ nodes, edges }: { nodes: PipeNode[]; edges: PipeEdge[] }) {
  const navigate = useNavigate();
  const byKey = useMemo(() => new Map(nodes.map((n) => [n.key, n])), [nodes]);

  const { flowNodes, flowEdges, height } = useMemo(() => {
    const grid = layoutPipeline(nodes, edges);
    const rows = Math.max(1, ...[...grid.values()].map((p) => p.row + 1));
    const flowNodes: FlowNode[] = nodes.map((n) => {
      const at = grid.get(n.key) ?? { col: 0, row: 0 };
      const attrs = { 'data-testid': `node-${n.key}`, title: describeNode(n) };
      return {
        id: n.key,
        type: 'pipe' as const,
        position: { x: at.col * COL_W, y: at.row * ROW_H },
        data: { node: n },
        ariaLabel: `${describeNode(n)}. Press Enter to open.`,
        domAttributes: attrs,
        draggable: false,
        connectable: false,
      };
    });
    const flowEdges: Edge[] = edges.map((e) => ({
      id: e.key,
      source: e.source,
      target: e.target,
      markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
      focusable: false,
      ariaLabel: `${byKey.get(e.source)?.name ?? e.source} to ${byKey.get(e.target)?.name ?? e.target}`,
    }));
    // fitView shrinks a wide pipeline to the page's width (~1150 px): the height follows
    const cols = Math.max(1, ...[...grid.values()].map((p) => p.col + 1));
    const zoom = Math.min(1, 1150 / (cols * COL_W));
    const height = Math.round(Math.min(760, Math.max(320, rows * ROW_H * zoom + 80)));
    return { flowNodes, flowEdges, height };
  }, [nodes, edges, byKey]);

  const open = (key: string) => {
    const n = byKey.get(key);
    if (n) navigate(n.href);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Enter' || !(e.target instanceof HTMLElement)) return;
    const key = e.target.closest('.react-flow__node')?.getAttribute('data-id');
    if (key) open(key);
  };

  return (
    <div
      className="pipe-graph"
      data-testid="pipeline-graph"
      style={{ height }}
      onKeyDown={onKeyDown}
      role="region"
      aria-label="Pipeline graph: Tab to a node, Enter to open it"
    >
      <ReactFlow
        nodes={flowNodes}
        edges={flowEdges}
        nodeTypes={nodeTypes}
        onNodeClick={(_, node) => open(node.id)}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        zoomOnScroll={false}
        preventScrolling={false}
        fitView
        fitViewOptions={{ padding: 0.08, maxZoom: 1 }}
        minZoom={0.2}
      >
        <Background gap={24} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
