/**
 * The chunks a dataset needs, as SQL (there is no row per dataset and chunk): for each of its
 * `planned` spaces, that space's chunk of every window overlapping the dataset's effective
 * range, at the dataset's interval, aggregation and chunk size. The planner creates exactly these chunks
 * (windows are epoch-aligned, so "overlapping" is the window list of chunkWindows), and
 * chunks are never deleted, so the count is the dataset's total_chunks.
 *
 * FROM-clause fragment with fixed aliases: `d` dataset, `ds` planned space, `c` chunk.
 */
export const DATASET_CHUNKS_FROM = `occupancy_datasets d
  JOIN occupancy_dataset_spaces ds ON ds.dataset_id = d.dataset_id AND ds.planned
  JOIN occupancy_chunks c ON c.space_id = ds.space_id AND c.interval_seconds = d.interval_seconds
   AND c.aggregation = d.aggregation AND c.chunk_start < d.effective_end AND c.chunk_end > d.effective_start
   AND c.chunk_end = c.chunk_start + make_interval(secs => d.chunk_days * 86400)`;

/**
 * A derived chunk's inputs as SQL: the chunks of `p.input_space_ids` for the same interval,
 * aggregation and window (`p` the derived chunk, `k` an input chunk). JOIN-condition fragment.
 */
export const INPUT_CHUNK_MATCH = `k.space_id = ANY(p.input_space_ids) AND k.interval_seconds = p.interval_seconds
   AND k.aggregation = p.aggregation AND k.chunk_start = p.chunk_start AND k.chunk_end = p.chunk_end`;

/**
 * Whether chunk `c` is needed by a dataset other than `$1` (same shape as DATASET_CHUNKS_FROM,
 * aliases `o` and `os`). WHERE-condition fragment.
 */
export const NEEDED_BY_ANOTHER_DATASET = `EXISTS (
  SELECT 1 FROM occupancy_datasets o
    JOIN occupancy_dataset_spaces os ON os.dataset_id = o.dataset_id AND os.planned AND os.space_id = c.space_id
   WHERE o.dataset_id <> $1 AND o.interval_seconds = c.interval_seconds AND o.aggregation = c.aggregation
     AND c.chunk_start < o.effective_end AND c.chunk_end > o.effective_start
     AND c.chunk_end = c.chunk_start + make_interval(secs => o.chunk_days * 86400))`;
