import { useEffect, useState } from 'react';
import { get } from '../../api';
import { getPages } from './paging';
import { spaceLabel, type Space } from './types';

/** Spaces asked for once per page load (names rarely change; a failed look-up is retried). */
const known = new Map<number, Promise<Space>>();

export function getSpace(id: number): Promise<Space> {
  let p = known.get(id);
  if (!p) {
    p = get<Space>(`/spaces/${id}`);
    p.catch(() => known.delete(id));
    known.set(id, p);
  }
  return p;
}

/** Labels of the given spaces, filled in as their look-ups answer ("Space 12" meanwhile). */
export function useSpaceLabels(ids: number[]): Record<number, string> {
  const [labels, setLabels] = useState<Record<number, string>>({});
  const key = [...new Set(ids)].sort((a, b) => a - b).join(',');
  useEffect(() => {
    let live = true;
    const wanted = key ? key.split(',').map(Number) : [];
    for (const id of wanted) {
      getSpace(id).then(
        (s) => live && setLabels((l) => (l[id] ? l : { ...l, [id]: spaceLabel(s) })),
        () => undefined,
      );
    }
    return () => {
      live = false;
    };
  }, [key]);
  return labels;
}

/** A space's direct children (up to 5 pages of 1,000), asked once per page load. */
const kids = new Map<number, Promise<{ items: Space[]; more: boolean }>>();

export function getChildren(id: number): Promise<{ items: Space[]; more: boolean }> {
  let p = kids.get(id);
  if (!p) {
    p = getPages<Space>(`/spaces/${id}/children?limit=1000`, 5);
    p.catch(() => kids.delete(id));
    kids.set(id, p);
  }
  return p;
}
