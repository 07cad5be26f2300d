/**
 * The chunks a dataset needs, as SQL (there is no row per dataset and chunk): for each of its
 * `planned` spaces, that space's chunk of every window overlapping the dataset's effective
 * range, at the dataset's interval and chunk size. The planner creates exactly these chunks
 * (windows are epoch-aligned, so "overlapping" is the window list of chunkWindows), and
 * chunks are never deleted, so the count is the dataset's total_chunks.
 *
 * FROM-clause fragment with fixed aliases: `d` dataset, `ds` planned space, `c` chunk.
 */
export const DATASET_CHUNKS_FROM = `occupancy_datasets d
  JOIN occupancy_dataset_spaces ds ON ds.dataset_id = d.dataset_id AND ds.planned
  JOIN occupancy_chunks c ON c.space_id = ds.space_id AND c.interval_seconds = d.interval_seconds
   AND c.chunk_start < d.effective_end AND c.chunk_end > d.effective_start
   AND c.chunk_end = c.chunk_start + make_interval(secs => d.chunk_days * 86400)`;

/**
 * A derived chunk's inputs as SQL: the chunks of `p.input_space_ids` for the same interval and
 * window (`p` the derived chunk, `k` an input chunk). JOIN-condition fragment.
 */
export const INPUT_CHUNK_MATCH = `k.space_id = ANY(p.input_space_ids) AND k.interval_seconds = p.interval_seconds
   AND k.chunk_start = p.chunk_start AND k.chunk_end = p.chunk_end`;
