/** The REST API as types, generated from openapi.json by `npm run openapi:generate`: do not edit. */
export interface paths {
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['HealthController_check'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/auth/keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** API keys (admin), without the keys themselves */
    get: operations['AuthController_list'];
    put?: never;
    /** Create an API key (admin); the answer holds the key, shown only this once */
    post: operations['AuthController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/auth/keys/{key_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Delete an API key (admin): it stops working at once */
    delete: operations['AuthController_remove'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/auth/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Whose key this is and what it may do */
    get: operations['AuthController_me'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Prometheus metrics: HTTP latency, runs, queue depth, chunk throughput */
    get: operations['MetricsController_scrape'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/spaces': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List spaces, optionally filtered by name, by name then id (paged) */
    get: operations['SpacesController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/spaces/roots': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Top-level spaces: no parent, or a parent id that names no existing space */
    get: operations['SpacesController_roots'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/spaces/{space_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One space */
    get: operations['SpacesController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/spaces/{space_id}/children': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Direct children of a space, by name */
    get: operations['SpacesController_children'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/spaces/{space_id}/subtree': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The space and all its descendants, each once (safe on parent cycles)
     * @description Root first (depth 0), then by depth and name.
     */
    get: operations['SpacesController_subtree'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/connections': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List connections (ordered by conn_id; paged) */
    get: operations['ConnectionsController_list'];
    put?: never;
    /** Register a connection; the password is stored encrypted */
    post: operations['ConnectionsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/connections/{conn_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a connection */
    get: operations['ConnectionsController_get'];
    /**
     * Update a connection
     * @description Partial update: omitted fields keep their value (PUT and PATCH behave the same). password: omitted keeps it, null or "" removes it.
     */
    put: operations['ConnectionsController_replace'];
    post?: never;
    /** Delete a connection */
    delete: operations['ConnectionsController_remove'];
    options?: never;
    head?: never;
    /**
     * Update a connection (same as PUT)
     * @description Partial update: omitted fields keep their value (PUT and PATCH behave the same). password: omitted keeps it, null or "" removes it.
     */
    patch: operations['ConnectionsController_update'];
    trace?: never;
  };
  '/connections/{conn_id}/test': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Try to connect (5 s timeout) and read the server version
     * @description Answers 200 whether or not the connection works; see `status`.
     */
    post: operations['ConnectionsController_test'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/runs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Runs, newest first (paged: X-Next-Cursor) */
    get: operations['RunsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/runs/diagnostics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start a diagnostic run (sleeps, then succeeds or fails): checks a worker fleet */
    post: operations['RunsController_diagnostic'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/runs/{run_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A run with its event log */
    get: operations['RunsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/runs/{run_id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel: QUEUED → CANCELED; STARTED → CANCELING → CANCELED once the processor stops */
    post: operations['RunsController_cancel'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/dagster/runs/{run_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Alias of GET /runs/{run_id} (old clients) */
    get: operations['DagsterRunsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/occupancy/datasets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Datasets, newest first (filter by root space_id, status; paged) */
    get: operations['OccupancyController_list'];
    put?: never;
    /** Create a dataset: plans its chunks and returns at once; sensors and runs compute */
    post: operations['OccupancyController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/occupancy/datasets/{dataset_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['OccupancyController_get'];
    put?: never;
    post?: never;
    /** Delete the dataset record, and cancel its pending work no other dataset needs (computed chunks stay, for reuse) */
    delete: operations['OccupancyController_remove'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/occupancy/datasets/{dataset_id}/retry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Re-plan the dataset’s FAILED chunks: {reset: n} */
    post: operations['OccupancyController_retry'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/occupancy/datasets/{dataset_id}/results': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Progress of a space’s subtree, or its rows once complete (JSON, CSV or Parquet) */
    get: operations['OccupancyController_getResults'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List concepts (ordered by c_id; paged) */
    get: operations['ConceptsController_list'];
    put?: never;
    /** Create a concept */
    post: operations['ConceptsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a concept */
    get: operations['ConceptsController_get'];
    /**
     * Update a concept
     * @description Partial update: omitted fields keep their value (PUT and PATCH behave the same).
     */
    put: operations['ConceptsController_replace'];
    post?: never;
    /**
     * Delete a concept and its values
     * @description A concept with assets (indexes, rules, features ...) is a 409 listing them; `?cascade=true` (admin) deletes them and their stored objects too.
     */
    delete: operations['ConceptsController_remove'];
    options?: never;
    head?: never;
    /**
     * Update a concept (same as PUT)
     * @description Partial update: omitted fields keep their value (PUT and PATCH behave the same).
     */
    patch: operations['ConceptsController_update'];
    trace?: never;
  };
  '/concepts/{c_id}/values': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the values of a concept (ordered by cv_id; paged) */
    get: operations['ConceptValuesController_list'];
    put?: never;
    /** Create a value */
    post: operations['ConceptValuesController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/values/tree': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The values as a tree
     * @description Top-level values with their children, each level by display_order then name.
     */
    get: operations['ConceptValuesController_tree'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/values/{cv_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a value */
    get: operations['ConceptValuesController_get'];
    /**
     * Update a value
     * @description Partial update: omitted fields keep their value (PUT and PATCH behave the same). Moving a value (parent_cv_id) moves its subtree; a value cannot go under itself.
     */
    put: operations['ConceptValuesController_replace'];
    post?: never;
    /**
     * Delete a value
     * @description A value with child values (or, later, labeling functions using it) is a 409 listing them; `?cascade=true` (admin) deletes them too.
     */
    delete: operations['ConceptValuesController_remove'];
    options?: never;
    head?: never;
    /**
     * Update a value (same as PUT)
     * @description Partial update: omitted fields keep their value (PUT and PATCH behave the same). Moving a value (parent_cv_id) moves its subtree; a value cannot go under itself.
     */
    patch: operations['ConceptValuesController_update'];
    trace?: never;
  };
  '/concepts/{c_id}/indexes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the indexes of a concept (ordered by id; paged) */
    get: operations['IndexesController_list'];
    put?: never;
    /**
     * Create an index
     * @description The SQL is checked with PostgreSQL's parser (one read-only query) and then on the connection with a zero-row run: key_column must be an output column. Errors are 400s naming the problem.
     */
    post: operations['IndexesController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/indexes/{index_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get an index with its materialization state */
    get: operations['IndexesController_get'];
    /**
     * Update an index
     * @description Partial update: omitted fields keep their value (PUT and PATCH behave the same). A changed definition is checked on the connection again and makes the current data stale.
     */
    put: operations['IndexesController_replace'];
    post?: never;
    /**
     * Delete an index and its stored data
     * @description An index with rules or features is a 409 listing them; `?cascade=true` (admin) deletes them too.
     */
    delete: operations['IndexesController_remove'];
    options?: never;
    head?: never;
    /**
     * Update an index (same as PUT)
     * @description Partial update: omitted fields keep their value (PUT and PATCH behave the same). A changed definition is checked on the connection again and makes the current data stale.
     */
    patch: operations['IndexesController_update'];
    trace?: never;
  };
  '/concepts/{c_id}/indexes/{index_id}/materialize': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Materialize an index (a run)
     * @description Answers 202 with the run at once. A build already in flight is returned instead of a second one (two clicks, one run). Follow it at GET /runs/{run_id}.
     */
    post: operations['IndexesController_materialize'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/indexes/{index_id}/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * First rows of an index
     * @description From its current Parquet when materialized and not stale; otherwise a live LIMITed query on the connection (10 s timeout). With column names and types.
     */
    get: operations['IndexesController_preview'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/rules': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the rules of a concept (ordered by id; paged) */
    get: operations['RulesController_list'];
    put?: never;
    /**
     * Create a rule
     * @description The SQL is checked with PostgreSQL's parser (one read-only query) and then on the connection with a zero-row run: index_column must be an output column. Errors are 400s naming the problem.
     */
    post: operations['RulesController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/rules/{r_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a rule with its materialization state */
    get: operations['RulesController_get'];
    /**
     * Update a rule
     * @description Partial update: omitted fields keep their value (PUT and PATCH behave the same). A changed definition is checked on the connection again and makes the current data stale.
     */
    put: operations['RulesController_replace'];
    post?: never;
    /**
     * Delete a rule and its stored data
     * @description Its materializations and their objects go with it.
     */
    delete: operations['RulesController_remove'];
    options?: never;
    head?: never;
    /**
     * Update a rule (same as PUT)
     * @description Partial update: omitted fields keep their value (PUT and PATCH behave the same). A changed definition is checked on the connection again and makes the current data stale.
     */
    patch: operations['RulesController_update'];
    trace?: never;
  };
  '/concepts/{c_id}/rules/{r_id}/materialize': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Materialize a rule (a run)
     * @description Answers 202 with the run at once. A build already in flight is returned instead of a second one (two clicks, one run). If its index was never materialized, that build is requested too and this one waits for it. Follow it at GET /runs/{run_id}.
     */
    post: operations['RulesController_materialize'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/rules/{r_id}/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * First rows of a rule
     * @description From its current Parquet when materialized and not stale; otherwise a live LIMITed query on the connection (10 s timeout). With column names and types.
     */
    get: operations['RulesController_preview'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/features': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the features of a concept (ordered by id; paged) */
    get: operations['FeaturesController_list'];
    put?: never;
    /**
     * Create a feature
     * @description The SQL is checked with PostgreSQL's parser (one read-only query) and then on the connection with a zero-row run: index_column must be an output column. Errors are 400s naming the problem.
     */
    post: operations['FeaturesController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/features/{feature_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a feature with its materialization state */
    get: operations['FeaturesController_get'];
    /**
     * Update a feature
     * @description Partial update: omitted fields keep their value (PUT and PATCH behave the same). A changed definition is checked on the connection again and makes the current data stale.
     */
    put: operations['FeaturesController_replace'];
    post?: never;
    /**
     * Delete a feature and its stored data
     * @description Its materializations and their objects go with it.
     */
    delete: operations['FeaturesController_remove'];
    options?: never;
    head?: never;
    /**
     * Update a feature (same as PUT)
     * @description Partial update: omitted fields keep their value (PUT and PATCH behave the same). A changed definition is checked on the connection again and makes the current data stale.
     */
    patch: operations['FeaturesController_update'];
    trace?: never;
  };
  '/concepts/{c_id}/features/{feature_id}/materialize': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Materialize a feature (a run)
     * @description Answers 202 with the run at once. A build already in flight is returned instead of a second one (two clicks, one run). If its index was never materialized, that build is requested too and this one waits for it. Follow it at GET /runs/{run_id}.
     */
    post: operations['FeaturesController_materialize'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/features/{feature_id}/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * First rows of a feature
     * @description From its current Parquet when materialized and not stale; otherwise a live LIMITed query on the connection (10 s timeout). With column names and types.
     */
    get: operations['FeaturesController_preview'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/catalog': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Asset catalog of a concept
     * @description Every index, rule and feature with its status, rows, storage key, last run, and whether it is stale (its SQL changed, or an input was re-materialized, after it was built) and why.
     */
    get: operations['CatalogController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/catalog/stats': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Totals of the catalog: assets by type and status, stale, rows */
    get: operations['CatalogController_stats'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/labeling-functions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the labeling functions of a concept (by lf_id; paged) */
    get: operations['LabelingFunctionsController_list'];
    put?: never;
    /**
     * Create a labeling function
     * @description Checked when saved: the rule must be the concept's, the values the concept's; conditions are typed against the rule's columns, SQL compiled in a DuckDB sandbox, code set up in its JavaScript sandbox. 400 names the problem.
     */
    post: operations['LabelingFunctionsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/labeling-functions/template': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A starting lf_config for a type and a rule
     * @description With the rule's columns and the constants a code LF sees.
     */
    get: operations['LabelingFunctionsController_template'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/labeling-functions/{lf_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a labeling function */
    get: operations['LabelingFunctionsController_get'];
    /**
     * Update a labeling function
     * @description Partial update in place: omitted fields keep their value (PUT and PATCH behave the same). A changed definition (rule, values, type, config) is checked again and needs approval again.
     */
    put: operations['LabelingFunctionsController_replace'];
    post?: never;
    /** Delete a labeling function (its later versions stay) */
    delete: operations['LabelingFunctionsController_remove'];
    options?: never;
    head?: never;
    /**
     * Update a labeling function (same as PUT)
     * @description Partial update in place: omitted fields keep their value (PUT and PATCH behave the same). A changed definition (rule, values, type, config) is checked again and needs approval again.
     */
    patch: operations['LabelingFunctionsController_update'];
    trace?: never;
  };
  '/concepts/{c_id}/labeling-functions/{lf_id}/versions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Make a new version
     * @description A copy with the changes in the body, the next version number of its name and `parent_lf_id` set; the version it came from is deactivated.
     */
    post: operations['LabelingFunctionsController_version'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/labeling-functions/{lf_id}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approve a labeling function (admin) */
    post: operations['LabelingFunctionsController_approve'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/labeling-functions/{lf_id}/activate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Use it in Snorkel jobs */
    post: operations['LabelingFunctionsController_activate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/labeling-functions/{lf_id}/deactivate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Leave it out of Snorkel jobs */
    post: operations['LabelingFunctionsController_deactivate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/labeling-functions/{lf_id}/test': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Run it on the first rows of its rule's materialization
     * @description Votes per row, counts per class, and the rows where it failed.
     */
    post: operations['LabelingFunctionsController_test'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/snorkel/run': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Train the label model on LF votes over an index (a run of kind snorkel)
     * @description Checked first (400 names the problem: LFs not usable, fewer than 3, rules of another index, a class balance that is not a distribution ...). Missing materializations of the index and rules are built first. `draft: true` saves it without running. The Python original's shape `{selectedIndex, selectedRules, selectedLFs, snorkel: {epochs, lr, sample_size, output_type}}` is accepted too (legacy; sample_size is ignored).
     */
    post: operations['SnorkelController_run'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/snorkel/jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List Snorkel jobs (by job_id; paged) */
    get: operations['SnorkelController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/snorkel/jobs/{job_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a job and its status */
    get: operations['SnorkelController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/snorkel/jobs/{job_id}/results': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Results of a finished job
     * @description LF summary, class distribution, coverage, class balance, gold scores; with `include_predictions=true` a page of predictions.
     */
    get: operations['SnorkelController_results'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/snorkel/jobs/{job_id}/predictions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * All predictions of a finished job as a file
     * @description format=parquet (default): the stored Parquet; format=csv: the same rows as CSV with a header.
     */
    get: operations['SnorkelController_predictions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/snorkel/jobs/{job_id}/execute': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Run a draft, or run a finished job again */
    post: operations['SnorkelController_execute'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/snorkel/jobs/{job_id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel a running job */
    post: operations['SnorkelController_cancel'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/models': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List models (by model_id; paged), each with its versions */
    get: operations['ModelsController_list'];
    put?: never;
    /** Register a model (optionally with an uploaded artifact) */
    post: operations['ModelsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/models/{model_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a model and its versions */
    get: operations['ModelsController_get'];
    put?: never;
    post?: never;
    /** Delete a model, its versions, predictions and stored artifacts */
    delete: operations['ModelsController_delete'];
    options?: never;
    head?: never;
    /** Change a model's name, description, tags or visibility */
    patch: operations['ModelsController_update'];
    trace?: never;
  };
  '/models/{model_id}/versions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A model's versions, oldest first */
    get: operations['ModelsController_versions'];
    put?: never;
    /** Upload a new version (ONNX or tippers-classifier JSON) */
    post: operations['ModelsController_addVersion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/models/{model_id}/versions/{version}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a version */
    get: operations['ModelsController_version'];
    put?: never;
    post?: never;
    /** Delete a version and its artifact */
    delete: operations['ModelsController_deleteVersion'];
    options?: never;
    head?: never;
    /** Change a version's stage (none, staging, production, archived), description or tags */
    patch: operations['ModelsController_updateVersion'];
    trace?: never;
  };
  '/models/{model_id}/versions/{version}/artifact': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Download a version's artifact as stored */
    get: operations['ModelsController_artifact'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/models/{model_id}/predict': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Predict rows now, or every entity of an index as a run
     * @description `rows` (≤ 10000 objects, input name → number; booleans count 0/1; null is imputed by tippers-classifier models): answered at once (200). `index_id` (and `feature_ids`, default the model's): a run of kind model_predict writing Parquet with the entity keys, label, confidence and a probability per class (202). Inputs are checked against the model's feature list: 400 names what is missing or mistyped.
     */
    post: operations['ModelsController_predict'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/models/{model_id}/predictions/{prediction_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A whole-index prediction and its status */
    get: operations['ModelsController_prediction'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/models/{model_id}/predictions/{prediction_id}/download': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A finished prediction's rows as Parquet (default) or CSV */
    get: operations['ModelsController_download'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/classifiers/run': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Train classifiers on a Snorkel job's labels and features (a run of kind classifier)
     * @description Entities are joined with the features by key; labels below the confidence threshold, classes with fewer than min_labels_per_class labels (a warning) and the excess of the majority class are dropped; a stratified split seeded by random_state; every family in config.models is trained and scored on the held-out part; the best by config.selection_metric becomes a new version of the model config.model_name.
     */
    post: operations['ClassifiersController_run'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/classifiers/jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List classifier jobs (by job_id; paged) */
    get: operations['ClassifiersController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/classifiers/jobs/{job_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a classifier job and its status */
    get: operations['ClassifiersController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/concepts/{c_id}/classifiers/jobs/{job_id}/results': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Results of a finished classifier job
     * @description Per family: accuracy, balanced accuracy, weighted F1, per-class precision/recall, the confusion matrix (rows: true class) on the held-out split, training time, and accuracy against gold labels when the Snorkel job had them; the rows used and dropped; the best.
     */
    get: operations['ClassifiersController_results'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/queue-board': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The queue view (Bull Board): whether this server has one, where, and who may open it */
    get: operations['QueueBoardController_info'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/queue-board/session': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Let this browser open the queue view (admin)
     * @description A browser tab cannot send the Authorization header, so this sets the caller’s key in an HttpOnly, SameSite=Strict cookie scoped to the queue view’s path for 8 hours. Nothing is set when keys are not required.
     */
    post: operations['QueueBoardController_openSession'];
    /** Forget this browser’s queue view cookie */
    delete: operations['QueueBoardController_closeSession'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    HealthCheckEntry: {
      /** @enum {string} */
      status: 'up' | 'down';
      /** @description Round trip of the check query */
      latency_ms?: number;
      /** @description Why the check failed */
      message?: string;
    };
    HealthResponse: {
      /** @enum {string} */
      status: 'ok' | 'error';
      /**
       * @example {
       *       "app_db": {
       *         "status": "up",
       *         "latency_ms": 1
       *       },
       *       "tippers_db": {
       *         "status": "up",
       *         "latency_ms": 1
       *       }
       *     }
       */
      checks: {
        [key: string]: components['schemas']['HealthCheckEntry'];
      };
      /** @description Only when failing: which checks failed */
      message?: string;
      /** @description Only when failing: 503 */
      statusCode?: number;
      /** @description Only when failing */
      error?: string;
    };
    CreateApiKeyDto: {
      /** @example notebook of the HVAC study */
      name: string;
      /** @enum {string} */
      role: 'viewer' | 'editor' | 'admin';
    };
    CreatedApiKeyResponse: {
      /** Format: uuid */
      key_id: string;
      name: string;
      /** @enum {string} */
      role: 'viewer' | 'editor' | 'admin';
      /** @description First characters of the key, to tell keys apart */
      key_prefix: string;
      created_at: string;
      /** @description The key itself: shown this once, never stored */
      key: string;
    };
    ApiKeyResponse: {
      /** Format: uuid */
      key_id: string;
      name: string;
      /** @enum {string} */
      role: 'viewer' | 'editor' | 'admin';
      /** @description First characters of the key, to tell keys apart */
      key_prefix: string;
      created_at: string;
    };
    WhoAmIResponse: {
      /** @description Whether this server requires keys */
      keys_required: boolean;
      /**
       * @description What the caller may do
       * @enum {string}
       */
      role: 'viewer' | 'editor' | 'admin';
      /** Format: uuid */
      key_id: string | null;
      name: string | null;
    };
    SpaceResponse: {
      /** @example 1234 */
      space_id: number;
      /** @example Engineering Hall */
      space_name: string | null;
      /** @example 12 */
      parent_space_id: number | null;
      /** @example EH-1001 */
      building_room: string | null;
    };
    SpaceTreeNodeResponse: {
      /** @example 1234 */
      space_id: number;
      /** @example Engineering Hall */
      space_name: string | null;
      /** @example 12 */
      parent_space_id: number | null;
      /** @example EH-1001 */
      building_room: string | null;
      /** @description Edges from the requested root (root = 0) */
      depth: number;
    };
    ConnectionResponse: {
      /** @example 1 */
      conn_id: number;
      /** @example tippers-prod */
      name: string;
      /**
       * @example postgresql
       * @enum {string}
       */
      connection_type: 'postgresql';
      /** @example db.example.org */
      host: string;
      /** @example 5432 */
      port: number;
      /** @example tippers */
      database: string;
      /** @example readonly_user */
      user: string;
      /**
       * @description Whether a password is stored
       * @example true
       */
      has_password: boolean;
      /**
       * Format: date-time
       * @example 2025-01-31T12:00:00.000Z
       */
      created_at: string;
      /**
       * Format: date-time
       * @example 2025-01-31T12:00:00.000Z
       */
      updated_at: string;
    };
    CreateConnectionDto: {
      /**
       * @description Unique name (trimmed), 1..255 characters
       * @example tippers-prod
       */
      name: string;
      /**
       * @description Database engine; only "postgresql" is supported for now
       * @default postgresql
       * @example postgresql
       * @enum {string}
       */
      connection_type: 'postgresql';
      /**
       * @description Host name or IP address, no spaces
       * @example db.example.org
       */
      host: string;
      /**
       * @description TCP port
       * @example 5432
       */
      port: number;
      /**
       * @description Database name
       * @example tippers
       */
      database: string;
      /**
       * @description User name
       * @example readonly_user
       */
      user: string;
      /**
       * @description Write-only: stored encrypted (AES-256-GCM), never returned. Omit, null or "" for none.
       * @example s3cret
       */
      password?: string | null;
    };
    UpdateConnectionDto: {
      /**
       * @description Unique name (trimmed), 1..255 characters
       * @example tippers-prod
       */
      name?: string;
      /**
       * @description Database engine; only "postgresql" is supported for now
       * @example postgresql
       * @enum {string}
       */
      connection_type?: 'postgresql';
      /**
       * @description Host name or IP address, no spaces
       * @example db.example.org
       */
      host?: string;
      /**
       * @description TCP port
       * @example 5432
       */
      port?: number;
      /**
       * @description Database name
       * @example tippers
       */
      database?: string;
      /**
       * @description User name
       * @example readonly_user
       */
      user?: string;
      /**
       * @description Write-only. Omitted: keep the stored password; null or "": remove it; a string: replace it.
       * @example n3w-s3cret
       */
      password?: string | null;
    };
    ConnectionTestResponse: {
      /**
       * @example success
       * @enum {string}
       */
      status: 'success' | 'failed';
      /**
       * @description What happened; never contains the password
       * @example connected to db.example.org:5432/tippers as readonly_user (PostgreSQL 16.4)
       */
      message: string;
      /**
       * @description Time spent connecting and querying
       * @example 12
       */
      latency_ms: number;
      /**
       * @description null when the test failed
       * @example 16.4
       */
      server_version: string | null;
    };
    RunResponse: {
      /** Format: uuid */
      run_id: string;
      /** @example diagnostic */
      kind: string;
      /** @enum {string} */
      status: 'QUEUED' | 'STARTED' | 'SUCCESS' | 'FAILURE' | 'CANCELING' | 'CANCELED';
      run_key: string | null;
      params: {
        [key: string]: unknown;
      };
      /**
       * @description The kind’s group (its concurrency cap)
       * @enum {string}
       */
      run_group: 'interactive' | 'diagnostic' | 'bulk';
      /** @description 0 = interactive (served first) */
      priority: number;
      /** @description Attempts started so far */
      attempt: number;
      max_attempts: number;
      timeout_seconds: number | null;
      /** Format: date-time */
      queued_at: string;
      /** Format: date-time */
      not_before: string | null;
      /** Format: date-time */
      started_at: string | null;
      /** Format: date-time */
      ended_at: string | null;
      /** Format: date-time */
      heartbeat_at: string | null;
      worker_id: string | null;
      error: string | null;
      metadata: {
        [key: string]: unknown;
      };
    };
    CreateDiagnosticRunDto: {
      /**
       * @description How long the run sleeps
       * @example 5
       */
      seconds: number;
      /**
       * @description Fail every attempt after sleeping
       * @default false
       */
      fail: boolean;
      /** @description Fail while attempt ≤ this */
      fail_attempts?: number;
      /** @default 1 */
      max_attempts: number;
      /** @description Abort an attempt after this long */
      timeout_seconds?: number;
      /** @description Idempotency key: the same key returns the same run */
      run_key?: string;
    };
    RunEventResponse: {
      /** Format: date-time */
      at: string;
      attempt: number;
      /** @enum {string} */
      level: 'debug' | 'info' | 'warn' | 'error';
      message: string;
      data: {
        [key: string]: unknown;
      } | null;
    };
    RunDetailResponse: {
      /** Format: uuid */
      run_id: string;
      /** @example diagnostic */
      kind: string;
      /** @enum {string} */
      status: 'QUEUED' | 'STARTED' | 'SUCCESS' | 'FAILURE' | 'CANCELING' | 'CANCELED';
      run_key: string | null;
      params: {
        [key: string]: unknown;
      };
      /**
       * @description The kind’s group (its concurrency cap)
       * @enum {string}
       */
      run_group: 'interactive' | 'diagnostic' | 'bulk';
      /** @description 0 = interactive (served first) */
      priority: number;
      /** @description Attempts started so far */
      attempt: number;
      max_attempts: number;
      timeout_seconds: number | null;
      /** Format: date-time */
      queued_at: string;
      /** Format: date-time */
      not_before: string | null;
      /** Format: date-time */
      started_at: string | null;
      /** Format: date-time */
      ended_at: string | null;
      /** Format: date-time */
      heartbeat_at: string | null;
      worker_id: string | null;
      error: string | null;
      metadata: {
        [key: string]: unknown;
      };
      events: components['schemas']['RunEventResponse'][];
    };
    CreateDatasetDto: {
      /** @example Engineering Hall – Q1 2025 */
      name: string;
      description?: string;
      /** @example 1 */
      root_space_id: number;
      /**
       * @description Default: first session in the subtree
       * @example 2025-01-01T00:00:00Z
       */
      start_time?: string;
      /**
       * @description Default: last session end in the subtree
       * @example 2025-04-01T00:00:00+02:00
       */
      end_time?: string;
      /**
       * @default 3600
       * @enum {number}
       */
      interval_seconds: 900 | 1800 | 3600 | 7200 | 14400 | 28800 | 86400;
      /** @default 30 */
      chunk_days: number;
      /**
       * @description sum: own devices added up the tree (the original); distinct: each device once per bin in the whole subtree
       * @default sum
       * @enum {string}
       */
      aggregation: 'sum' | 'distinct';
      /**
       * @description Recompute every overlapping chunk
       * @default false
       */
      force_overwrite: boolean;
    };
    DatasetResponse: {
      dataset_id: number;
      name: string;
      description: string | null;
      root_space_id: number;
      /** Format: date-time */
      start_time: string | null;
      /** Format: date-time */
      end_time: string | null;
      /** Format: date-time */
      effective_start: string | null;
      /** Format: date-time */
      effective_end: string | null;
      interval_seconds: number;
      chunk_days: number;
      /** @enum {string} */
      aggregation: 'sum' | 'distinct';
      /** @enum {string} */
      status: 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED';
      total_chunks: number;
      completed_chunks: number;
      failed_chunks: number;
      error: string | null;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      completed_at: string | null;
    };
    ConceptResponse: {
      /** @example 1 */
      c_id: number;
      /** @example device kind */
      name: string;
      /** @example What kind of device a MAC address is */
      description: string | null;
      /**
       * Format: date-time
       * @example 2026-01-31T12:00:00.000Z
       */
      created_at: string;
      /**
       * Format: date-time
       * @example 2026-01-31T12:00:00.000Z
       */
      updated_at: string;
    };
    CreateConceptDto: {
      /**
       * @description Unique name (trimmed), 1..255 characters
       * @example device kind
       */
      name: string;
      /**
       * @description Free text, at most 10,000 characters; null clears it
       * @example What kind of device a MAC address is
       */
      description?: string | null;
    };
    UpdateConceptDto: {
      /**
       * @description Unique name (trimmed), 1..255 characters
       * @example device kind
       */
      name?: string;
      /** @description Free text, at most 10,000 characters; null clears it */
      description?: string | null;
    };
    DependentsResponse: {
      /** @example 409 */
      statusCode: number;
      /** @example Conflict */
      error: string;
      /** @example concept 1 has dependents: index 3 "devices", rule 5 "hours per day"; delete them first or pass ?cascade=true */
      message: string;
      /**
       * @description What would be deleted with ?cascade=true
       * @example [
       *       {
       *         "type": "index",
       *         "id": 3,
       *         "name": "devices"
       *       }
       *     ]
       */
      dependents: string[];
    };
    ValueResponse: {
      /** @example 1 */
      cv_id: number;
      /** @example 1 */
      c_id: number;
      /** @example phone */
      name: string;
      /** @example A phone carried by a person */
      description: string | null;
      /** @example 0 */
      display_order: number;
      /** @example 0 */
      level: number;
      /** @example null */
      parent_cv_id: number | null;
      /**
       * Format: date-time
       * @example 2026-01-31T12:00:00.000Z
       */
      created_at: string;
      /**
       * Format: date-time
       * @example 2026-01-31T12:00:00.000Z
       */
      updated_at: string;
    };
    ValueTreeNode: {
      /** @example 1 */
      cv_id: number;
      /** @example 1 */
      c_id: number;
      /** @example phone */
      name: string;
      /** @example A phone carried by a person */
      description: string | null;
      /** @example 0 */
      display_order: number;
      /** @example 0 */
      level: number;
      /** @example null */
      parent_cv_id: number | null;
      /**
       * Format: date-time
       * @example 2026-01-31T12:00:00.000Z
       */
      created_at: string;
      /**
       * Format: date-time
       * @example 2026-01-31T12:00:00.000Z
       */
      updated_at: string;
      /** @description Child values, by display_order then name */
      children: components['schemas']['ValueTreeNode'][];
    };
    CreateValueDto: {
      /**
       * @description Unique within the concept (trimmed), 1..255 characters
       * @example phone
       */
      name: string;
      /**
       * @description Free text, at most 10,000 characters; null clears it
       * @example A phone carried by a person
       */
      description?: string | null;
      /**
       * @description Position among its siblings (ascending); default 0
       * @example 1
       */
      display_order?: number;
      /**
       * @description Depth in the value tree: 0 for a value without parent, the parent's level + 1 otherwise. Computed; a value given here must agree
       * @example 0
       */
      level?: number;
      /**
       * @description A value of the same concept this one refines (null: a top-level value)
       * @example null
       */
      parent_cv_id?: number | null;
    };
    UpdateValueDto: {
      /**
       * @description Unique within the concept
       * @example phone
       */
      name?: string;
      /** @description Free text, at most 10,000 characters; null clears it */
      description?: string | null;
      /**
       * @description Position among its siblings (ascending); default 0
       * @example 1
       */
      display_order?: number;
      /**
       * @description Depth in the value tree: 0 for a value without parent, the parent's level + 1 otherwise. Computed; a value given here must agree
       * @example 0
       */
      level?: number;
      /**
       * @description A value of the same concept this one refines (null: a top-level value)
       * @example null
       */
      parent_cv_id?: number | null;
    };
    OutputColumnDoc: {
      /** @example mac */
      name: string;
      /**
       * @description PostgreSQL's type
       * @example character varying(17)
       */
      pg_type: string;
      /**
       * @description The Parquet (DuckDB) type it is stored as
       * @example VARCHAR
       */
      type: string;
    };
    MaterializationResponse: {
      /** Format: uuid */
      run_id: string;
      /**
       * @description QUEUED, STARTED or CANCELING while in flight (the run's), then SUCCESS, FAILURE or CANCELED
       * @example SUCCESS
       */
      status: string;
      /** @example indexes/index_1/6f1c....parquet */
      storage_key: string | null;
      /** @example 400 */
      row_count: number | null;
      /** @description Per column: type, null_count; numeric min/max/mean/std (NaN and infinities counted apart); else unique_count and top_values */
      column_stats: {
        [key: string]: unknown;
      } | null;
      /** Format: date-time */
      requested_at: string;
      /** Format: date-time */
      materialized_at: string | null;
      error: string | null;
      /** @description Its object was found missing (a new build was requested) */
      object_lost: boolean;
      /** @description The definition it was built from */
      definition: {
        [key: string]: unknown;
      };
      /** @description Input → the run id of the input build it read */
      inputs: {
        [key: string]: unknown;
      };
    };
    DerivedFromResponse: {
      job_id: number;
      cv_ids: number[];
      min_confidence: number;
    };
    IndexResponse: {
      c_id: number;
      /** @example devices */
      name: string;
      description: string | null;
      /** @example SELECT DISTINCT mac FROM wifi_sessions */
      sql_query: string;
      /** @description The output columns, as described when the SQL was saved */
      columns: components['schemas']['OutputColumnDoc'][];
      /** @description Grows with every change of the definition */
      definition_version: number;
      /**
       * @description NOT_MATERIALIZED, or the status of its last materialization
       * @example SUCCESS
       */
      status: string;
      /** @description Rows of its current data */
      row_count: number | null;
      /** @description Object key of its current data */
      storage_key: string | null;
      /** @description Its current data was built from another definition or older inputs */
      stale: boolean;
      /** @example [] */
      stale_reasons: string[];
      /** @description Its last materialization */
      last_materialization: components['schemas']['MaterializationResponse'] | null;
      /** @description The build its current data comes from */
      current_materialization: components['schemas']['MaterializationResponse'] | null;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
      index_id: number;
      conn_id: number;
      /** @example mac */
      key_column: string;
      /** @description For a derived index: the Snorkel job and label filter its entities come from */
      derived_from: components['schemas']['DerivedFromResponse'] | null;
    };
    LabelFilterDto: {
      /**
       * @description Labels to keep (cv_ids)
       * @example [
       *       2
       *     ]
       */
      cv_ids: number[];
      /**
       * @description Least confidence kept
       * @default 0
       */
      min_confidence: number;
    };
    DerivedFromDto: {
      /**
       * @description A Snorkel job of the concept
       * @example 1
       */
      job_id: number;
      label_filter: components['schemas']['LabelFilterDto'];
    };
    CreateIndexDto: {
      /**
       * @description Unique in the concept
       * @example devices
       */
      name: string;
      /** @example Every MAC address seen */
      description?: string | null;
      /**
       * @description The connection the SQL runs on
       * @example 1
       */
      conn_id: number;
      /**
       * @description One read-only query (SELECT or WITH ... SELECT), checked with PostgreSQL's parser and run inside BEGIN READ ONLY with a statement timeout. Rules and features may use `:index_values` (e.g. `WHERE mac IN :index_values`): the index's keys, bound as data.
       * @example SELECT DISTINCT mac FROM wifi_sessions
       */
      sql_query: string;
      /**
       * @description The output column holding the entity key
       * @example mac
       */
      key_column: string;
      /** @description A derived index: the entities a Snorkel job labelled with one of `label_filter.cv_ids` at a confidence ≥ `min_confidence`. Give it instead of conn_id, sql_query and key_column (they are the job's index's). */
      derived_from?: components['schemas']['DerivedFromDto'];
    };
    UpdateIndexDto: {
      /** @example devices */
      name?: string;
      description?: string | null;
      /** @example 1 */
      conn_id?: number;
      /**
       * @description One read-only query (SELECT or WITH ... SELECT), checked with PostgreSQL's parser and run inside BEGIN READ ONLY with a statement timeout. Rules and features may use `:index_values` (e.g. `WHERE mac IN :index_values`): the index's keys, bound as data.
       * @example SELECT DISTINCT mac FROM wifi_sessions
       */
      sql_query?: string;
      /**
       * @description A column of the query's output
       * @example mac
       */
      key_column?: string;
      /** @description A derived index: its new job or filter */
      derived_from?: components['schemas']['DerivedFromDto'];
    };
    MaterializeResponse: {
      /** Format: uuid */
      run_id: string;
      /** @example QUEUED */
      status: string;
    };
    PreviewResponse: {
      columns: components['schemas']['OutputColumnDoc'][];
      rows: {
        [key: string]: unknown;
      }[];
      /**
       * @description From the current Parquet, or a live LIMITed query
       * @enum {string}
       */
      source: 'materialized' | 'live';
      /**
       * Format: uuid
       * @description The build read (materialized)
       */
      run_id: string | null;
    };
    RuleResponse: {
      c_id: number;
      /** @example devices */
      name: string;
      description: string | null;
      /** @example SELECT DISTINCT mac FROM wifi_sessions */
      sql_query: string;
      /** @description The output columns, as described when the SQL was saved */
      columns: components['schemas']['OutputColumnDoc'][];
      /** @description Grows with every change of the definition */
      definition_version: number;
      /**
       * @description NOT_MATERIALIZED, or the status of its last materialization
       * @example SUCCESS
       */
      status: string;
      /** @description Rows of its current data */
      row_count: number | null;
      /** @description Object key of its current data */
      storage_key: string | null;
      /** @description Its current data was built from another definition or older inputs */
      stale: boolean;
      /** @example [] */
      stale_reasons: string[];
      /** @description Its last materialization */
      last_materialization: components['schemas']['MaterializationResponse'] | null;
      /** @description The build its current data comes from */
      current_materialization: components['schemas']['MaterializationResponse'] | null;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
      index_id: number;
      /** @example mac */
      index_column: string;
      r_id: number;
    };
    CreateKeyedAssetDto: {
      /**
       * @description Unique in the concept among its kind
       * @example hours per day
       */
      name: string;
      description?: string | null;
      /**
       * @description An index of the same concept
       * @example 1
       */
      index_id: number;
      /**
       * @description One read-only query (SELECT or WITH ... SELECT), checked with PostgreSQL's parser and run inside BEGIN READ ONLY with a statement timeout. Rules and features may use `:index_values` (e.g. `WHERE mac IN :index_values`): the index's keys, bound as data.
       * @example SELECT mac, count(*) AS sessions FROM wifi_sessions WHERE mac IN :index_values GROUP BY mac
       */
      sql_query: string;
      /**
       * @description The output column holding the entity key
       * @example mac
       */
      index_column: string;
    };
    UpdateKeyedAssetDto: {
      /** @example hours per day */
      name?: string;
      description?: string | null;
      /** @example 1 */
      index_id?: number;
      /** @description One read-only query (SELECT or WITH ... SELECT), checked with PostgreSQL's parser and run inside BEGIN READ ONLY with a statement timeout. Rules and features may use `:index_values` (e.g. `WHERE mac IN :index_values`): the index's keys, bound as data. */
      sql_query?: string;
      /**
       * @description A column of the query's output
       * @example mac
       */
      index_column?: string;
    };
    FeatureResponse: {
      c_id: number;
      /** @example devices */
      name: string;
      description: string | null;
      /** @example SELECT DISTINCT mac FROM wifi_sessions */
      sql_query: string;
      /** @description The output columns, as described when the SQL was saved */
      columns: components['schemas']['OutputColumnDoc'][];
      /** @description Grows with every change of the definition */
      definition_version: number;
      /**
       * @description NOT_MATERIALIZED, or the status of its last materialization
       * @example SUCCESS
       */
      status: string;
      /** @description Rows of its current data */
      row_count: number | null;
      /** @description Object key of its current data */
      storage_key: string | null;
      /** @description Its current data was built from another definition or older inputs */
      stale: boolean;
      /** @example [] */
      stale_reasons: string[];
      /** @description Its last materialization */
      last_materialization: components['schemas']['MaterializationResponse'] | null;
      /** @description The build its current data comes from */
      current_materialization: components['schemas']['MaterializationResponse'] | null;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
      index_id: number;
      /** @example mac */
      index_column: string;
      feature_id: number;
    };
    CatalogRun: {
      /** Format: uuid */
      run_id: string;
      /** @example SUCCESS */
      status: string;
      /** Format: date-time */
      requested_at: string;
      /** Format: date-time */
      materialized_at: string | null;
      error: string | null;
    };
    CatalogEntry: {
      /**
       * @example rule
       * @enum {string}
       */
      asset_type:
        'index' | 'rule' | 'feature' | 'labeling_function' | 'snorkel_job' | 'classifier_job';
      /** @example 3 */
      asset_id: number;
      /** @example hours per day */
      name: string;
      /** @description A rule or feature's index */
      index_id: number | null;
      /**
       * @description SQL assets: NOT_MATERIALIZED, or their last run's status; jobs: DRAFT or their run's status; labeling functions: ACTIVE, INACTIVE or AWAITING_APPROVAL
       * @example SUCCESS
       */
      status: string;
      row_count: number | null;
      storage_key: string | null;
      /**
       * Format: date-time
       * @description When its current data was built
       */
      materialized_at: string | null;
      last_run: components['schemas']['CatalogRun'] | null;
      stale: boolean;
      /**
       * @example [
       *       "its index was re-materialized after it was built"
       *     ]
       */
      stale_reasons: string[];
    };
    CatalogResponse: {
      c_id: number;
      assets: components['schemas']['CatalogEntry'][];
    };
    CatalogStatsResponse: {
      c_id: number;
      total_assets: number;
      /**
       * @example {
       *       "index": 1,
       *       "rule": 5,
       *       "feature": 3
       *     }
       */
      by_type: {
        [key: string]: number;
      };
      /**
       * @example {
       *       "SUCCESS": 8,
       *       "NOT_MATERIALIZED": 1
       *     }
       */
      by_status: {
        [key: string]: number;
      };
      /** @description Assets with current data */
      materialized: number;
      stale: number;
      /** @description Rows of all current data */
      total_rows: number;
      /** Format: date-time */
      last_materialized_at: string | null;
    };
    LabelingFunctionResponse: {
      /** @example 1 */
      lf_id: number;
      /** @example 1 */
      c_id: number;
      /** @example night owl */
      name: string;
      description: string | null;
      /** @example 3 */
      rule_id: number;
      /**
       * @example [
       *       2
       *     ]
       */
      applicable_cv_ids: number[];
      /** @enum {string} */
      lf_type: 'conditions' | 'sql' | 'code';
      /**
       * @description By lf_type. `conditions`: `{label: cv_id, match?: "all"|"any", conditions: [{column, op, value?} | {all: [...]} | {any: [...]} | {not: {...}}]}`, ops `= != > >= < <= in not_in between is_null not_null contains regex`. `sql`: `{expression}`, a DuckDB expression over the rule row giving a cv_id or NULL. `code`: `{code}`, JavaScript defining `function labelingFunction(row)` that returns a cv_id constant or ABSTAIN. Checked against the rule's columns and the concept's values when saved (400 naming the problem).
       * @example {
       *       "label": 2,
       *       "conditions": [
       *         {
       *           "column": "night_share",
       *           "op": ">=",
       *           "value": 0.6
       *         }
       *       ]
       *     }
       */
      lf_config: {
        [key: string]: unknown;
      };
      /** @example 1 */
      version: number;
      /** @example null */
      parent_lf_id: number | null;
      /** @example true */
      is_active: boolean;
      /** @example false */
      requires_approval: boolean;
      /** Format: date-time */
      approved_at: string | null;
      approved_by: string | null;
      /** @description Whether Snorkel jobs use it: active, and approved when approval is required */
      usable: boolean;
      metrics: {
        [key: string]: unknown;
      } | null;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
    };
    CreateLabelingFunctionDto: {
      /**
       * @description Unique in the concept (versions share it)
       * @example night owl
       */
      name: string;
      /** @example Seen mostly at night */
      description?: string | null;
      /**
       * @description The rule whose rows it labels
       * @example 3
       */
      rule_id: number;
      /**
       * @description The concept values it may vote; any other answer counts as ABSTAIN
       * @example [
       *       2
       *     ]
       */
      applicable_cv_ids: number[];
      /**
       * @example conditions
       * @enum {string}
       */
      lf_type: 'conditions' | 'sql' | 'code';
      /**
       * @description By lf_type. `conditions`: `{label: cv_id, match?: "all"|"any", conditions: [{column, op, value?} | {all: [...]} | {any: [...]} | {not: {...}}]}`, ops `= != > >= < <= in not_in between is_null not_null contains regex`. `sql`: `{expression}`, a DuckDB expression over the rule row giving a cv_id or NULL. `code`: `{code}`, JavaScript defining `function labelingFunction(row)` that returns a cv_id constant or ABSTAIN. Checked against the rule's columns and the concept's values when saved (400 naming the problem).
       * @example {
       *       "label": 2,
       *       "conditions": [
       *         {
       *           "column": "night_share",
       *           "op": ">=",
       *           "value": 0.6
       *         }
       *       ]
       *     }
       */
      lf_config: {
        [key: string]: unknown;
      };
      /**
       * @description Used by Snorkel jobs (default true)
       * @example true
       */
      is_active?: boolean;
      /**
       * @description When true, jobs use it only after POST .../approve (admin). Default false.
       * @example false
       */
      requires_approval?: boolean;
    };
    LfTemplateColumn: {
      /** @example night_share */
      name: string;
      /**
       * @description Its DuckDB type
       * @example DOUBLE
       */
      type: string;
    };
    LfTemplateResponse: {
      /** @enum {string} */
      lf_type: 'conditions' | 'sql' | 'code';
      lf_config: {
        [key: string]: unknown;
      };
      /**
       * @description The constants a code LF sees: ABSTAIN and one per concept value
       * @example {
       *       "ABSTAIN": -1,
       *       "PHONE": 2,
       *       "LAPTOP": 3
       *     }
       */
      constants: {
        [key: string]: number;
      };
      /** @description The rule's columns */
      columns: components['schemas']['LfTemplateColumn'][];
    };
    UpdateLabelingFunctionDto: {
      /** @example night owl */
      name?: string;
      description?: string | null;
      /** @example 3 */
      rule_id?: number;
      /**
       * @example [
       *       2
       *     ]
       */
      applicable_cv_ids?: number[];
      /** @enum {string} */
      lf_type?: 'conditions' | 'sql' | 'code';
      /**
       * @description By lf_type. `conditions`: `{label: cv_id, match?: "all"|"any", conditions: [{column, op, value?} | {all: [...]} | {any: [...]} | {not: {...}}]}`, ops `= != > >= < <= in not_in between is_null not_null contains regex`. `sql`: `{expression}`, a DuckDB expression over the rule row giving a cv_id or NULL. `code`: `{code}`, JavaScript defining `function labelingFunction(row)` that returns a cv_id constant or ABSTAIN. Checked against the rule's columns and the concept's values when saved (400 naming the problem).
       * @example {
       *       "label": 2,
       *       "conditions": [
       *         {
       *           "column": "night_share",
       *           "op": ">=",
       *           "value": 0.6
       *         }
       *       ]
       *     }
       */
      lf_config?: {
        [key: string]: unknown;
      };
      /** @example false */
      requires_approval?: boolean;
    };
    TestLabelingFunctionDto: {
      /**
       * @description How many of the rule's first materialized rows to label
       * @default 100
       */
      limit: number;
    };
    LfTestRow: {
      /** @description The rule row */
      row: {
        [key: string]: unknown;
      };
      /**
       * @description Its vote: a cv_id, or -1 (ABSTAIN)
       * @example 2
       */
      vote: number;
    };
    LfTestResponse: {
      /** @example 100 */
      rows_tested: number;
      /**
       * @description Votes per cv_id, and -1 for ABSTAIN
       * @example {
       *       "2": 31,
       *       "-1": 69
       *     }
       */
      counts: {
        [key: string]: number;
      };
      /** @description Rows where the LF failed (threw) */
      errors: number;
      /** @description Rows where it answered something other than ABSTAIN or an applicable value */
      invalid: number;
      /** @description The first problems, by row */
      messages: string[];
      results: components['schemas']['LfTestRow'][];
    };
    SnorkelConfigDto: {
      /** @default 100 */
      epochs: number;
      /** @default 0.01 */
      lr: number;
      /** @default 0 */
      l2: number;
      /**
       * @description NumPy-compatible seed
       * @default 0
       */
      seed: number;
      /**
       * @default softmax
       * @enum {string}
       */
      output_type: 'softmax' | 'hard_labels';
      /**
       * @default abstain
       * @enum {string}
       */
      tie_policy: 'abstain' | 'random';
      /**
       * @description P(value) by cv_id, for every value the LFs can vote; sums to 1
       * @example {
       *       "2": 0.7,
       *       "3": 0.3
       *     }
       */
      class_balance?: {
        [key: string]: number;
      };
    };
    GoldDto: {
      /** @description A rule of the same index */
      rule_id: number;
      /** @description Its column holding the true cv_id of each entity */
      column: string;
    };
    LegacySnorkelDto: {
      epochs?: number;
      lr?: number;
      /** @description Accepted and ignored: every entity is used */
      sample_size?: number;
      /** @enum {string} */
      output_type?: 'softmax' | 'hard_labels';
    };
    CreateSnorkelJobDto: {
      /**
       * @description The index whose entities are labelled
       * @example 1
       */
      index_id: number;
      /** @description Rules to use; the LFs' own rules are always used */
      rule_ids?: number[];
      /**
       * @description At least 3 usable LFs
       * @example [
       *       1,
       *       2,
       *       3
       *     ]
       */
      lf_ids: number[];
      config?: components['schemas']['SnorkelConfigDto'];
      /** @description Gold labels to score against */
      gold?: components['schemas']['GoldDto'];
      /**
       * @description Save without running (POST …/execute later)
       * @default false
       */
      draft: boolean;
      /** @description Legacy (the Python original): index_id */
      selectedIndex?: number;
      /** @description Legacy: rule_ids */
      selectedRules?: number[];
      /** @description Legacy: lf_ids */
      selectedLFs?: number[];
      /** @description Legacy: config */
      snorkel?: components['schemas']['LegacySnorkelDto'];
      /** @description Legacy: inline Python labeling functions. Not run here (400): save them as code LFs (JavaScript, POST …/labeling-functions) and name them in lf_ids. */
      code?: Record<string, never>;
    };
    SnorkelJobResponse: {
      job_id: number;
      c_id: number;
      index_id: number;
      rule_ids: number[];
      lf_ids: number[];
      config: {
        [key: string]: unknown;
      };
      gold: components['schemas']['GoldDto'] | null;
      /**
       * @description DRAFT before it is executed, then its run's status (QUEUED, STARTED, SUCCESS, FAILURE, CANCELING, CANCELED)
       * @example SUCCESS
       */
      status: string;
      /** Format: uuid */
      run_id: string | null;
      /** @example snorkel/job_1/….parquet */
      storage_key: string | null;
      error: string | null;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
    };
    SnorkelResultsResponse: {
      job_id: number;
      /** @description entities, classes, coverage, overlap, class_balance, class_distribution, lf_summary (per LF: polarity, coverage, overlaps, conflicts, learned_weight, errors; with gold: correct, incorrect, empirical_accuracy), gold (accuracy, majority_vote_accuracy, per_class) */
      results: {
        [key: string]: unknown;
      };
      /** @description With include_predictions: entity key, p_<cv_id> per value, label, confidence */
      predictions?: {
        [key: string]: unknown;
      }[];
    };
    CreateModelDto: {
      /** @example device kind classifier */
      name: string;
      /** @example Predicts phone / laptop / printer from usage features */
      description?: string;
      /**
       * @example {
       *       "team": "facilities"
       *     }
       */
      tags?: {
        [key: string]: string;
      };
      /**
       * @default public
       * @example public
       * @enum {string}
       */
      visibility: 'public' | 'private';
      /**
       * @description The concept whose values it predicts
       * @example 1
       */
      c_id?: number;
    };
    UploadFieldsDto: {
      /**
       * Format: binary
       * @description The artifact: ONNX or tippers-classifier JSON
       */
      file?: string;
      /**
       * @description New model: its name (required with POST /models)
       * @example device kind classifier
       */
      name?: string;
      /** @example Trained on Snorkel job 1 */
      description?: string;
      /**
       * @description JSON object of string tags
       * @example {
       *       "team": "facilities"
       *     }
       */
      tags?: string;
      /**
       * @example public
       * @enum {string}
       */
      visibility?: 'public' | 'private';
      /**
       * @description ONNX: input names in order, e.g. ["sessions","night_share"] or sessions,night_share
       * @example ["sessions", "night_share"]
       */
      features?: string;
      /**
       * @description ONNX: class names in output order
       * @example phone,laptop,printer
       */
      classes?: string;
      /**
       * @example production
       * @enum {string}
       */
      stage?: 'none' | 'staging' | 'production' | 'archived';
    };
    ModelVersionResponse: {
      /** @example 1 */
      model_id: number;
      /** @example 1 */
      version: number;
      /**
       * @example tippers
       * @enum {string}
       */
      format: 'tippers' | 'onnx';
      /**
       * @example production
       * @enum {string}
       */
      stage: 'none' | 'staging' | 'production' | 'archived';
      /** @example Trained on Snorkel job 1 */
      description: string;
      /**
       * @example {
       *       "team": "facilities"
       *     }
       */
      tags: {
        [key: string]: string;
      };
      /**
       * @example [
       *       {
       *         "name": "sessions",
       *         "feature_id": 2,
       *         "column": "sessions"
       *       }
       *     ]
       */
      features: string[];
      /**
       * @example [
       *       {
       *         "index": 0,
       *         "cv_id": 1,
       *         "name": "phone"
       *       }
       *     ]
       */
      classes: string[];
      /**
       * @example {
       *       "accuracy": 0.97,
       *       "balanced_accuracy": 0.96,
       *       "weighted_f1": 0.97
       *     }
       */
      metrics: {
        [key: string]: unknown;
      };
      /**
       * @example {
       *       "classifier_job_id": 1,
       *       "family": "random_forest"
       *     }
       */
      source: {
        [key: string]: unknown;
      };
      /** @example models/model_1/….json */
      storage_key: string;
      /** @example 48213 */
      size_bytes: number;
      /** @example 9f2c… */
      sha256: string;
      /**
       * Format: date-time
       * @example 2026-12-01T09:30:00.000Z
       */
      created_at: string;
    };
    ModelResponse: {
      /** @example 1 */
      model_id: number;
      /** @example device kind classifier */
      name: string;
      /** @example Trained on Snorkel job 1 */
      description: string;
      /**
       * @example {
       *       "team": "facilities"
       *     }
       */
      tags: {
        [key: string]: string;
      };
      /**
       * @example public
       * @enum {string}
       */
      visibility: 'public' | 'private';
      /** @example 1 */
      c_id: number | null;
      /**
       * @description The newest version
       * @example 2
       */
      latest_version: number | null;
      versions: components['schemas']['ModelVersionResponse'][];
      /**
       * Format: date-time
       * @example 2026-12-01T09:30:00.000Z
       */
      created_at: string;
      /**
       * Format: date-time
       * @example 2026-12-01T09:30:00.000Z
       */
      updated_at: string;
    };
    UpdateModelDto: {
      /** @example device kind classifier */
      name?: string;
      /** @example Trained on Snorkel job 1 */
      description?: string;
      /**
       * @example {
       *       "team": "facilities"
       *     }
       */
      tags?: {
        [key: string]: string;
      };
      /**
       * @example public
       * @enum {string}
       */
      visibility?: 'public' | 'private';
    };
    UpdateVersionDto: {
      /**
       * @example production
       * @enum {string}
       */
      stage?: 'none' | 'staging' | 'production' | 'archived';
      /** @example Trained on Snorkel job 1 */
      description?: string;
      /**
       * @example {
       *       "reviewed": "yes"
       *     }
       */
      tags?: {
        [key: string]: string;
      };
    };
    PredictDto: {
      /**
       * @description Default: the newest production version, else the newest not archived
       * @example 1
       */
      version?: number;
      /**
       * @description The newest version in this stage
       * @example production
       * @enum {string}
       */
      stage?: 'none' | 'staging' | 'production' | 'archived';
      /**
       * @description Rows to predict now (≤ 10000): one object per row, input name → number
       * @example [
       *       {
       *         "sessions": 24,
       *         "night_share": 0.1,
       *         "roams": false
       *       }
       *     ]
       */
      rows?: string[];
      /**
       * @description Predict every entity of this index (a run)
       * @example 1
       */
      index_id?: number;
      /**
       * @description The features giving the inputs (default: those the model was trained on)
       * @example [
       *       1,
       *       2,
       *       3
       *     ]
       */
      feature_ids?: number[];
      /**
       * @description The index's concept (default: the model's)
       * @example 1
       */
      c_id?: number;
    };
    PredictionResponse: {
      /** @example 1 */
      prediction_id: number;
      /** @example 1 */
      model_id: number;
      /** @example 1 */
      version: number;
      /** @example 1 */
      index_id: number;
      /**
       * @example [
       *       1,
       *       2,
       *       3
       *     ]
       */
      feature_ids: number[];
      /**
       * Format: uuid
       * @example 6f1c2a4e-8d0b-4c55-9a57-3e2f1b0c9d11
       */
      run_id: string;
      /** @example SUCCESS */
      status: string;
      /** @example null */
      error: string | null;
      /** @example predictions/model_1/6f1c2a4e-….parquet */
      storage_key: string | null;
      /**
       * @example {
       *       "rows": 400,
       *       "unpredicted": 0,
       *       "model_version": 1,
       *       "key_column": "mac_address"
       *     }
       */
      results: {
        [key: string]: unknown;
      } | null;
      /**
       * Format: date-time
       * @example 2026-12-01T09:30:00.000Z
       */
      created_at: string;
    };
    ClassifierConfigDto: {
      /**
       * @default max_confidence
       * @enum {string}
       */
      threshold_method: 'max_confidence' | 'entropy';
      /**
       * @description max_confidence: keep labels whose probability is at least this; entropy: keep those whose normalised entropy is at most this
       * @default 0.6
       */
      threshold_value: number;
      /**
       * @default 10
       * @example 10
       */
      min_labels_per_class: number;
      /**
       * @description The majority class is cut to this × the smallest class
       * @default 3
       */
      imbalance_factor: number;
      /** @default 0.2 */
      test_size: number;
      /**
       * @default 42
       * @example 42
       */
      random_state: number;
      /** @description Default: all */
      models?: (
        | 'logistic_regression'
        | 'logistic_regression_soft'
        | 'random_forest'
        | 'decision_tree'
        | 'knn'
        | 'gaussian_nb'
        | 'gradient_boosting'
      )[];
      /**
       * @default standard
       * @enum {string}
       */
      scaling: 'standard' | 'minmax' | 'none';
      /**
       * @default weighted_f1
       * @enum {string}
       */
      selection_metric: 'accuracy' | 'balanced_accuracy' | 'weighted_f1';
      /**
       * @description Then predict every entity of the Snorkel job's index with the registered version (a run of kind model_predict; its id in the results)
       * @default false
       * @example true
       */
      predict_index: boolean;
      /**
       * @description The registry model the best is added to (default: '<concept> classifier')
       * @example device kind classifier
       */
      model_name?: string;
    };
    CreateClassifierJobDto: {
      /**
       * @description A successful Snorkel job of the concept
       * @example 1
       */
      snorkel_job_id: number;
      /**
       * @example [
       *       1,
       *       2
       *     ]
       */
      feature_ids: number[];
      /**
       * @example {
       *       "threshold_value": 0.6,
       *       "random_state": 42
       *     }
       */
      config?: components['schemas']['ClassifierConfigDto'];
    };
    ClassifierJobResponse: {
      /** @example 1 */
      job_id: number;
      /** @example 1 */
      c_id: number;
      /** @example 1 */
      snorkel_job_id: number;
      /**
       * @example [
       *       1,
       *       2,
       *       3
       *     ]
       */
      feature_ids: number[];
      /**
       * @example {
       *       "threshold_value": 0.6,
       *       "random_state": 42
       *     }
       */
      config: {
        [key: string]: unknown;
      };
      /** @example SUCCESS */
      status: string;
      /**
       * Format: uuid
       * @example 6f1c2a4e-8d0b-4c55-9a57-3e2f1b0c9d11
       */
      run_id: string | null;
      /** @example null */
      error: string | null;
      /** @example 1 */
      model_id: number | null;
      /** @example 1 */
      model_version: number | null;
      /**
       * Format: date-time
       * @example 2026-12-01T09:30:00.000Z
       */
      created_at: string;
    };
    ClassifierResultsResponse: {
      /** @example 1 */
      job_id: number;
      /**
       * @example {
       *       "best": "random_forest",
       *       "selection_metric": "weighted_f1",
       *       "rows": {
       *         "total": 300,
       *         "labelled": 290,
       *         "confident": 270,
       *         "used": 240,
       *         "train": 192,
       *         "test": 48
       *       },
       *       "families": [
       *         {
       *           "family": "random_forest",
       *           "train_seconds": 0.4,
       *           "metrics": {
       *             "accuracy": 0.96
       *           },
       *           "gold_accuracy": 0.95
       *         }
       *       ]
       *     }
       */
      results: {
        [key: string]: unknown;
      };
    };
    QueueBoardResponse: {
      /** @description Whether this server has a queue view (it has when runs go through Redis) */
      available: boolean;
      /**
       * @description Where the queue view (Bull Board) is served; null when it is not available
       * @example /queues
       */
      url: string | null;
      /**
       * @description The BullMQ queues it shows (one per run group)
       * @example [
       *       "runs-interactive",
       *       "runs-bulk"
       *     ]
       */
      queues: string[];
      /**
       * @description Who may open it
       * @example an admin API key
       */
      requires: string;
      /**
       * @description Why it is not available
       * @example runs are queued in this process (REDIS_URL is not set), so there is no queue to show
       */
      reason: string | null;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  HealthController_check: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every dependency answers */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HealthResponse'];
        };
      };
      /** @description A named check failed */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HealthResponse'];
        };
      };
    };
  };
  AuthController_list: {
    parameters: {
      query?: {
        /** @description Items per page; above 1000 a page holds 1000 (X-Next-Cursor says more follow) */
        limit?: number;
        /** @description X-Next-Cursor of the previous page */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page; more follow when X-Next-Cursor is set */
      200: {
        headers: {
          /** @description Present when more items follow: pass it as `cursor` for the next page */
          'X-Next-Cursor'?: string;
          /** @description Present when more items follow: `<url of the next page>; rel="next"` */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKeyResponse'][];
        };
      };
      /** @description No key, or not a valid one (when keys are required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The key’s role does not cover this operation */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateApiKeyDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedApiKeyResponse'];
        };
      };
      /** @description No key, or not a valid one (when keys are required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The key’s role does not cover this operation */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No key, or not a valid one (when keys are required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The key’s role does not cover this operation */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WhoAmIResponse'];
        };
      };
      /** @description No key, or not a valid one (when keys are required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The key’s role does not cover this operation */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MetricsController_scrape: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Prometheus text exposition format */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SpacesController_list: {
    parameters: {
      query?: {
        /** @description Items per page; above 1000 a page holds 1000 (X-Next-Cursor says more follow) */
        limit?: number;
        /** @description X-Next-Cursor of the previous page */
        cursor?: string;
        /** @description Case-insensitive substring of space_name. %, _ and \ are matched literally, not as wildcards. */
        search?: string;
        /** @description Rows to skip */
        skip?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page; more follow when X-Next-Cursor is set */
      200: {
        headers: {
          /** @description Present when more items follow: pass it as `cursor` for the next page */
          'X-Next-Cursor'?: string;
          /** @description Present when more items follow: `<url of the next page>; rel="next"` */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SpaceResponse'][];
        };
      };
      /** @description A malformed id or query parameter (named in message) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SpacesController_roots: {
    parameters: {
      query?: {
        /** @description Items per page; above 1000 a page holds 1000 (X-Next-Cursor says more follow) */
        limit?: number;
        /** @description X-Next-Cursor of the previous page */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page; more follow when X-Next-Cursor is set */
      200: {
        headers: {
          /** @description Present when more items follow: pass it as `cursor` for the next page */
          'X-Next-Cursor'?: string;
          /** @description Present when more items follow: `<url of the next page>; rel="next"` */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SpaceResponse'][];
        };
      };
      /** @description A malformed id or query parameter (named in message) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SpacesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description TIPPERS space id */
        space_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SpaceResponse'];
        };
      };
      /** @description A malformed id or query parameter (named in message) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such space */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SpacesController_children: {
    parameters: {
      query?: {
        /** @description Items per page; above 1000 a page holds 1000 (X-Next-Cursor says more follow) */
        limit?: number;
        /** @description X-Next-Cursor of the previous page */
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description TIPPERS space id */
        space_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page; more follow when X-Next-Cursor is set */
      200: {
        headers: {
          /** @description Present when more items follow: pass it as `cursor` for the next page */
          'X-Next-Cursor'?: string;
          /** @description Present when more items follow: `<url of the next page>; rel="next"` */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SpaceResponse'][];
        };
      };
      /** @description A malformed id or query parameter (named in message) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such space */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SpacesController_subtree: {
    parameters: {
      query?: {
        /** @description Items per page; above 1000 a page holds 1000 (X-Next-Cursor says more follow) */
        limit?: number;
        /** @description X-Next-Cursor of the previous page */
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description TIPPERS space id */
        space_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page; more follow when X-Next-Cursor is set */
      200: {
        headers: {
          /** @description Present when more items follow: pass it as `cursor` for the next page */
          'X-Next-Cursor'?: string;
          /** @description Present when more items follow: `<url of the next page>; rel="next"` */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SpaceTreeNodeResponse'][];
        };
      };
      /** @description A malformed id or query parameter (named in message) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such space */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConnectionsController_list: {
    parameters: {
      query?: {
        /** @description Items per page; above 1000 a page holds 1000 (X-Next-Cursor says more follow) */
        limit?: number;
        /** @description X-Next-Cursor of the previous page */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page; more follow when X-Next-Cursor is set */
      200: {
        headers: {
          /** @description Present when more items follow: pass it as `cursor` for the next page */
          'X-Next-Cursor'?: string;
          /** @description Present when more items follow: `<url of the next page>; rel="next"` */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConnectionResponse'][];
        };
      };
    };
  };
  ConnectionsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateConnectionDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConnectionResponse'];
        };
      };
      /** @description Invalid body (the message names the field) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The name is taken */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConnectionsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Connection id */
        conn_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConnectionResponse'];
        };
      };
      /** @description No such connection */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConnectionsController_replace: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Connection id */
        conn_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateConnectionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConnectionResponse'];
        };
      };
      /** @description No such connection */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The new name is taken */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConnectionsController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Connection id */
        conn_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such connection */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Still used (e.g. by an index); the message names the table */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConnectionsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Connection id */
        conn_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateConnectionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConnectionResponse'];
        };
      };
      /** @description No such connection */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The new name is taken */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConnectionsController_test: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Connection id */
        conn_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConnectionTestResponse'];
        };
      };
      /** @description No such connection */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Too many expensive requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RunsController_list: {
    parameters: {
      query?: {
        /** @description Items per page; above 1000 a page holds 1000 (X-Next-Cursor says more follow) */
        limit?: number;
        /** @description X-Next-Cursor of the previous page */
        cursor?: string;
        status?: 'QUEUED' | 'STARTED' | 'SUCCESS' | 'FAILURE' | 'CANCELING' | 'CANCELED';
        kind?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page; more follow when X-Next-Cursor is set */
      200: {
        headers: {
          /** @description Present when more items follow: pass it as `cursor` for the next page */
          'X-Next-Cursor'?: string;
          /** @description Present when more items follow: `<url of the next page>; rel="next"` */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RunResponse'][];
        };
      };
      /** @description Bad filter, limit or cursor */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RunsController_diagnostic: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateDiagnosticRunDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RunResponse'];
        };
      };
      /** @description Too many expensive requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RunsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Run id */
        run_id: unknown;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RunDetailResponse'];
        };
      };
      /** @description No such run */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RunsController_cancel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Run id */
        run_id: unknown;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RunResponse'];
        };
      };
      /** @description No such run */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The run has already ended */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  DagsterRunsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Run id */
        run_id: unknown;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RunDetailResponse'];
        };
      };
    };
  };
  OccupancyController_list: {
    parameters: {
      query?: {
        /** @description Items per page; above 1000 a page holds 1000 (X-Next-Cursor says more follow) */
        limit?: number;
        /** @description X-Next-Cursor of the previous page */
        cursor?: string;
        space_id?: number;
        status?: 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page; more follow when X-Next-Cursor is set */
      200: {
        headers: {
          /** @description Present when more items follow: pass it as `cursor` for the next page */
          'X-Next-Cursor'?: string;
          /** @description Present when more items follow: `<url of the next page>; rel="next"` */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DatasetResponse'][];
        };
      };
    };
  };
  OccupancyController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateDatasetDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DatasetResponse'];
        };
      };
      /** @description Bad range, interval, chunk_days or aggregation; too many bins or chunks (says which knob to turn) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unknown root space */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Too many expensive requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  OccupancyController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Dataset id */
        dataset_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DatasetResponse'];
        };
      };
    };
  };
  OccupancyController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Dataset id */
        dataset_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  OccupancyController_retry: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Dataset id */
        dataset_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            reset?: number;
          };
        };
      };
    };
  };
  OccupancyController_getResults: {
    parameters: {
      query?: {
        /** @description Default: the dataset root */
        space_id?: number;
        format?: 'json' | 'csv' | 'parquet';
        /** @description zero: every bin, 0 where nobody was */
        fill?: 'zero';
        /** @description Only bins starting at or after this instant (ISO-8601) */
        start?: string;
        /** @description Only bins starting before this instant (ISO-8601) */
        end?: string;
      };
      header?: never;
      path: {
        /** @description Dataset id */
        dataset_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description JSON: the rows once every chunk of the space is COMPLETED, else its progress (RUNNING) or its failure (FAILED); CSV and Parquet: the rows (interval_begin_time, number_connections) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json':
            | {
                dataset_id?: number;
                space_id?: number;
                /** @enum {string} */
                status?: 'COMPLETED';
                interval_seconds?: number;
                row_count?: number;
                rows?: {
                  /** Format: date-time */
                  interval_begin_time?: string;
                  number_connections?: number;
                }[];
              }
            | {
                /** @enum {string} */
                status?: 'RUNNING';
                completed_chunks?: number;
                total_chunks?: number;
              }
            | {
                /** @enum {string} */
                status?: 'FAILED';
                error?: string;
                failed_chunks?: number;
              };
          'text/csv':
            | {
                dataset_id?: number;
                space_id?: number;
                /** @enum {string} */
                status?: 'COMPLETED';
                interval_seconds?: number;
                row_count?: number;
                rows?: {
                  /** Format: date-time */
                  interval_begin_time?: string;
                  number_connections?: number;
                }[];
              }
            | {
                /** @enum {string} */
                status?: 'RUNNING';
                completed_chunks?: number;
                total_chunks?: number;
              }
            | {
                /** @enum {string} */
                status?: 'FAILED';
                error?: string;
                failed_chunks?: number;
              };
          'application/vnd.apache.parquet':
            | {
                dataset_id?: number;
                space_id?: number;
                /** @enum {string} */
                status?: 'COMPLETED';
                interval_seconds?: number;
                row_count?: number;
                rows?: {
                  /** Format: date-time */
                  interval_begin_time?: string;
                  number_connections?: number;
                }[];
              }
            | {
                /** @enum {string} */
                status?: 'RUNNING';
                completed_chunks?: number;
                total_chunks?: number;
              }
            | {
                /** @enum {string} */
                status?: 'FAILED';
                error?: string;
                failed_chunks?: number;
              };
        };
      };
    };
  };
  ConceptsController_list: {
    parameters: {
      query?: {
        /** @description Items per page; above 1000 a page holds 1000 (X-Next-Cursor says more follow) */
        limit?: number;
        /** @description X-Next-Cursor of the previous page */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page; more follow when X-Next-Cursor is set */
      200: {
        headers: {
          /** @description Present when more items follow: pass it as `cursor` for the next page */
          'X-Next-Cursor'?: string;
          /** @description Present when more items follow: `<url of the next page>; rel="next"` */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConceptResponse'][];
        };
      };
    };
  };
  ConceptsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateConceptDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConceptResponse'];
        };
      };
      /** @description Invalid body (the message names the field) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The name is taken */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConceptsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConceptResponse'];
        };
      };
      /** @description No such concept */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConceptsController_replace: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateConceptDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConceptResponse'];
        };
      };
      /** @description No such concept */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The new name is taken */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConceptsController_remove: {
    parameters: {
      query?: {
        /** @description Also delete what depends on it (and their stored objects); needs the admin role. Without it, a delete of something with dependents is a 409 listing them. */
        cascade?: boolean;
      };
      header?: never;
      path: {
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description cascade needs the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description It has dependents */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DependentsResponse'];
        };
      };
    };
  };
  ConceptsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateConceptDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConceptResponse'];
        };
      };
      /** @description No such concept */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The new name is taken */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConceptValuesController_list: {
    parameters: {
      query?: {
        /** @description Items per page; above 1000 a page holds 1000 (X-Next-Cursor says more follow) */
        limit?: number;
        /** @description X-Next-Cursor of the previous page */
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page; more follow when X-Next-Cursor is set */
      200: {
        headers: {
          /** @description Present when more items follow: pass it as `cursor` for the next page */
          'X-Next-Cursor'?: string;
          /** @description Present when more items follow: `<url of the next page>; rel="next"` */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ValueResponse'][];
        };
      };
    };
  };
  ConceptValuesController_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateValueDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ValueResponse'];
        };
      };
      /** @description Invalid body, or a parent outside the concept */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The concept has a value of that name */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConceptValuesController_tree: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ValueTreeNode'][];
        };
      };
      /** @description No such concept */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConceptValuesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Value id */
        cv_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ValueResponse'];
        };
      };
      /** @description No such concept or value */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConceptValuesController_replace: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Value id */
        cv_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateValueDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ValueResponse'];
        };
      };
      /** @description Invalid body, a cycle, or a parent outside the concept */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept or value */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The new name is taken in the concept */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConceptValuesController_remove: {
    parameters: {
      query?: {
        /** @description Also delete what depends on it (and their stored objects); needs the admin role. Without it, a delete of something with dependents is a 409 listing them. */
        cascade?: boolean;
      };
      header?: never;
      path: {
        /** @description Value id */
        cv_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description cascade needs the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept or value */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description It has dependents */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DependentsResponse'];
        };
      };
    };
  };
  ConceptValuesController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Value id */
        cv_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateValueDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ValueResponse'];
        };
      };
      /** @description Invalid body, a cycle, or a parent outside the concept */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept or value */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The new name is taken in the concept */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  IndexesController_list: {
    parameters: {
      query?: {
        /** @description Items per page; above 1000 a page holds 1000 (X-Next-Cursor says more follow) */
        limit?: number;
        /** @description X-Next-Cursor of the previous page */
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page; more follow when X-Next-Cursor is set */
      200: {
        headers: {
          /** @description Present when more items follow: pass it as `cursor` for the next page */
          'X-Next-Cursor'?: string;
          /** @description Present when more items follow: `<url of the next page>; rel="next"` */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IndexResponse'][];
        };
      };
    };
  };
  IndexesController_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateIndexDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IndexResponse'];
        };
      };
      /** @description Invalid body, SQL refused, column missing, connection unusable */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The name is taken in the concept */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  IndexesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Index id */
        index_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IndexResponse'];
        };
      };
      /** @description No such concept or index */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  IndexesController_replace: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Index id */
        index_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateIndexDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IndexResponse'];
        };
      };
      /** @description Invalid body, SQL refused, column missing, connection unusable */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept or index */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The new name is taken */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  IndexesController_remove: {
    parameters: {
      query?: {
        /** @description Also delete what depends on it (and their stored objects); needs the admin role. Without it, a delete of something with dependents is a 409 listing them. */
        cascade?: boolean;
      };
      header?: never;
      path: {
        /** @description Index id */
        index_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description cascade needs the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept or index */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description It has dependents */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DependentsResponse'];
        };
      };
    };
  };
  IndexesController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Index id */
        index_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateIndexDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IndexResponse'];
        };
      };
      /** @description Invalid body, SQL refused, column missing, connection unusable */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept or index */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The new name is taken */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  IndexesController_materialize: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Index id */
        index_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MaterializeResponse'];
        };
      };
      /** @description No such concept or index */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Too many expensive requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  IndexesController_preview: {
    parameters: {
      query?: {
        limit?: number;
      };
      header?: never;
      path: {
        /** @description Index id */
        index_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PreviewResponse'];
        };
      };
      /** @description limit out of range, or the live query failed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept or index */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Live preview needs the index materialized (:index_values) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RulesController_list: {
    parameters: {
      query?: {
        /** @description Items per page; above 1000 a page holds 1000 (X-Next-Cursor says more follow) */
        limit?: number;
        /** @description X-Next-Cursor of the previous page */
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page; more follow when X-Next-Cursor is set */
      200: {
        headers: {
          /** @description Present when more items follow: pass it as `cursor` for the next page */
          'X-Next-Cursor'?: string;
          /** @description Present when more items follow: `<url of the next page>; rel="next"` */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RuleResponse'][];
        };
      };
    };
  };
  RulesController_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateKeyedAssetDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RuleResponse'];
        };
      };
      /** @description Invalid body, SQL refused, column missing, connection unusable */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The name is taken in the concept */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RulesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Rule id */
        r_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RuleResponse'];
        };
      };
      /** @description No such concept or rule */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RulesController_replace: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Rule id */
        r_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateKeyedAssetDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RuleResponse'];
        };
      };
      /** @description Invalid body, SQL refused, column missing, connection unusable */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept or rule */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The new name is taken */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RulesController_remove: {
    parameters: {
      query?: {
        /** @description Also delete what depends on it (and their stored objects); needs the admin role. Without it, a delete of something with dependents is a 409 listing them. */
        cascade?: boolean;
      };
      header?: never;
      path: {
        /** @description Rule id */
        r_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description cascade needs the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept or rule */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description It has dependents */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DependentsResponse'];
        };
      };
    };
  };
  RulesController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Rule id */
        r_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateKeyedAssetDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RuleResponse'];
        };
      };
      /** @description Invalid body, SQL refused, column missing, connection unusable */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept or rule */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The new name is taken */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RulesController_materialize: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Rule id */
        r_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MaterializeResponse'];
        };
      };
      /** @description No such concept or rule */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Too many expensive requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RulesController_preview: {
    parameters: {
      query?: {
        limit?: number;
      };
      header?: never;
      path: {
        /** @description Rule id */
        r_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PreviewResponse'];
        };
      };
      /** @description limit out of range, or the live query failed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept or rule */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Live preview needs the index materialized (:index_values) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  FeaturesController_list: {
    parameters: {
      query?: {
        /** @description Items per page; above 1000 a page holds 1000 (X-Next-Cursor says more follow) */
        limit?: number;
        /** @description X-Next-Cursor of the previous page */
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page; more follow when X-Next-Cursor is set */
      200: {
        headers: {
          /** @description Present when more items follow: pass it as `cursor` for the next page */
          'X-Next-Cursor'?: string;
          /** @description Present when more items follow: `<url of the next page>; rel="next"` */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FeatureResponse'][];
        };
      };
    };
  };
  FeaturesController_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateKeyedAssetDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FeatureResponse'];
        };
      };
      /** @description Invalid body, SQL refused, column missing, connection unusable */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The name is taken in the concept */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  FeaturesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Feature id */
        feature_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FeatureResponse'];
        };
      };
      /** @description No such concept or feature */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  FeaturesController_replace: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Feature id */
        feature_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateKeyedAssetDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FeatureResponse'];
        };
      };
      /** @description Invalid body, SQL refused, column missing, connection unusable */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept or feature */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The new name is taken */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  FeaturesController_remove: {
    parameters: {
      query?: {
        /** @description Also delete what depends on it (and their stored objects); needs the admin role. Without it, a delete of something with dependents is a 409 listing them. */
        cascade?: boolean;
      };
      header?: never;
      path: {
        /** @description Feature id */
        feature_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description cascade needs the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept or feature */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description It has dependents */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DependentsResponse'];
        };
      };
    };
  };
  FeaturesController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Feature id */
        feature_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateKeyedAssetDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FeatureResponse'];
        };
      };
      /** @description Invalid body, SQL refused, column missing, connection unusable */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept or feature */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The new name is taken */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  FeaturesController_materialize: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Feature id */
        feature_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MaterializeResponse'];
        };
      };
      /** @description No such concept or feature */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Too many expensive requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  FeaturesController_preview: {
    parameters: {
      query?: {
        limit?: number;
      };
      header?: never;
      path: {
        /** @description Feature id */
        feature_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PreviewResponse'];
        };
      };
      /** @description limit out of range, or the live query failed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept or feature */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Live preview needs the index materialized (:index_values) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CatalogController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CatalogResponse'];
        };
      };
      /** @description No such concept */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CatalogController_stats: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CatalogStatsResponse'];
        };
      };
      /** @description No such concept */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  LabelingFunctionsController_list: {
    parameters: {
      query?: {
        /** @description Items per page; above 1000 a page holds 1000 (X-Next-Cursor says more follow) */
        limit?: number;
        /** @description X-Next-Cursor of the previous page */
        cursor?: string;
        /** @description Only the LFs of this rule */
        rule_id?: number;
      };
      header?: never;
      path: {
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page; more follow when X-Next-Cursor is set */
      200: {
        headers: {
          /** @description Present when more items follow: pass it as `cursor` for the next page */
          'X-Next-Cursor'?: string;
          /** @description Present when more items follow: `<url of the next page>; rel="next"` */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LabelingFunctionResponse'][];
        };
      };
      /** @description No such concept */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  LabelingFunctionsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateLabelingFunctionDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LabelingFunctionResponse'];
        };
      };
      /** @description Invalid body, rule, values or config */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The concept has an LF of that name */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  LabelingFunctionsController_template: {
    parameters: {
      query: {
        lf_type: 'conditions' | 'sql' | 'code';
        /** @description The rule whose columns the template uses */
        rule_id: number;
      };
      header?: never;
      path: {
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LfTemplateResponse'];
        };
      };
      /** @description Unknown type, or a rule outside the concept */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  LabelingFunctionsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Labeling function id */
        lf_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LabelingFunctionResponse'];
        };
      };
      /** @description No such concept or LF */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  LabelingFunctionsController_replace: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Labeling function id */
        lf_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateLabelingFunctionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LabelingFunctionResponse'];
        };
      };
      /** @description Invalid body, rule, values or config */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept or LF */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The new name is taken */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  LabelingFunctionsController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Labeling function id */
        lf_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept or LF */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  LabelingFunctionsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Labeling function id */
        lf_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateLabelingFunctionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LabelingFunctionResponse'];
        };
      };
      /** @description Invalid body, rule, values or config */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept or LF */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The new name is taken */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  LabelingFunctionsController_version: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Labeling function id */
        lf_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateLabelingFunctionDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LabelingFunctionResponse'];
        };
      };
      /** @description Invalid body, rule, values or config */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept or LF */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  LabelingFunctionsController_approve: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Labeling function id */
        lf_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LabelingFunctionResponse'];
        };
      };
      /** @description Needs the admin role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept or LF */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  LabelingFunctionsController_activate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Labeling function id */
        lf_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LabelingFunctionResponse'];
        };
      };
      /** @description No such concept or LF */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  LabelingFunctionsController_deactivate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Labeling function id */
        lf_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LabelingFunctionResponse'];
        };
      };
      /** @description No such concept or LF */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  LabelingFunctionsController_test: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Labeling function id */
        lf_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TestLabelingFunctionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LfTestResponse'];
        };
      };
      /** @description Invalid limit, or the LF no longer fits its rule */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept or LF */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The rule is not materialized */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SnorkelController_run: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateSnorkelJobDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SnorkelJobResponse'];
        };
      };
      /** @description A job that cannot run */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SnorkelController_list: {
    parameters: {
      query?: {
        /** @description Items per page; above 1000 a page holds 1000 (X-Next-Cursor says more follow) */
        limit?: number;
        /** @description X-Next-Cursor of the previous page */
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page; more follow when X-Next-Cursor is set */
      200: {
        headers: {
          /** @description Present when more items follow: pass it as `cursor` for the next page */
          'X-Next-Cursor'?: string;
          /** @description Present when more items follow: `<url of the next page>; rel="next"` */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SnorkelJobResponse'][];
        };
      };
      /** @description No such concept */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SnorkelController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Job id */
        job_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SnorkelJobResponse'];
        };
      };
      /** @description No such concept or job */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SnorkelController_results: {
    parameters: {
      query?: {
        /** @description Add a page of the predictions */
        include_predictions?: string;
        limit?: number;
        /** @description Rows to skip */
        offset?: number;
      };
      header?: never;
      path: {
        /** @description Job id */
        job_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SnorkelResultsResponse'];
        };
      };
      /** @description No such concept or job */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The job has not succeeded */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SnorkelController_predictions: {
    parameters: {
      query?: {
        format?: 'parquet' | 'csv';
      };
      header?: never;
      path: {
        /** @description Job id */
        job_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unknown format */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept or job */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The job has not succeeded */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SnorkelController_execute: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Job id */
        job_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SnorkelJobResponse'];
        };
      };
      /** @description It can no longer run (an LF was deactivated ...) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept or job */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description It is running */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SnorkelController_cancel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Job id */
        job_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SnorkelJobResponse'];
        };
      };
      /** @description No such concept or job */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A draft, or it has ended */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ModelsController_list: {
    parameters: {
      query?: {
        /** @description Items per page; above 1000 a page holds 1000 (X-Next-Cursor says more follow) */
        limit?: number;
        /** @description X-Next-Cursor of the previous page */
        cursor?: string;
        visibility?: 'public' | 'private';
        /** @description Only the models of this concept */
        c_id?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page; more follow when X-Next-Cursor is set */
      200: {
        headers: {
          /** @description Present when more items follow: pass it as `cursor` for the next page */
          'X-Next-Cursor'?: string;
          /** @description Present when more items follow: `<url of the next page>; rel="next"` */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ModelResponse'][];
        };
      };
    };
  };
  ModelsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description JSON: a model without versions yet (a classifier job adds them). multipart/form-data: the same fields as text plus `file`, an ONNX model or a tippers-classifier JSON document, registered as version 1. */
    requestBody: {
      content: {
        'application/json':
          components['schemas']['CreateModelDto'] | components['schemas']['UploadFieldsDto'];
        'multipart/form-data':
          components['schemas']['CreateModelDto'] | components['schemas']['UploadFieldsDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ModelResponse'];
        };
      };
      /** @description Bad fields, an unknown or corrupt artifact, names that do not fit it */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The name is taken */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The file is larger than MODEL_UPLOAD_MAX_MB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ModelsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Model id */
        model_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ModelResponse'];
        };
      };
      /** @description No such model */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ModelsController_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Model id */
        model_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such model */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ModelsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Model id */
        model_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateModelDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ModelResponse'];
        };
      };
      /** @description No such model */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The name is taken */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ModelsController_versions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Model id */
        model_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ModelVersionResponse'][];
        };
      };
      /** @description No such model */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ModelsController_addVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Model id */
        model_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'multipart/form-data': components['schemas']['UploadFieldsDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ModelVersionResponse'];
        };
      };
      /** @description No file, an unknown or corrupt artifact, names that do not fit it */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such model */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The file is larger than MODEL_UPLOAD_MAX_MB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ModelsController_version: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Version number */
        version: number;
        /** @description Model id */
        model_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ModelVersionResponse'];
        };
      };
      /** @description No such model or version */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ModelsController_deleteVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Version number */
        version: number;
        /** @description Model id */
        model_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such model or version */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ModelsController_updateVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Version number */
        version: number;
        /** @description Model id */
        model_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateVersionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ModelVersionResponse'];
        };
      };
      /** @description No such model or version */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ModelsController_artifact: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Version number */
        version: number;
        /** @description Model id */
        model_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The artifact */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such model or version */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ModelsController_predict: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Model id */
        model_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PredictDto'];
      };
    };
    responses: {
      /** @description Predictions of the rows */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The index prediction started */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PredictionResponse'];
        };
      };
      /** @description Missing or mistyped inputs, neither or both of rows and index_id */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such model or version */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The model has no usable version */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ModelsController_prediction: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Prediction id */
        prediction_id: number;
        /** @description Model id */
        model_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PredictionResponse'];
        };
      };
      /** @description No such model or prediction */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ModelsController_download: {
    parameters: {
      query?: {
        format?: 'parquet' | 'csv';
      };
      header?: never;
      path: {
        /** @description Prediction id */
        prediction_id: number;
        /** @description Model id */
        model_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such model or prediction */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description It has not succeeded */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ClassifiersController_run: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateClassifierJobDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClassifierJobResponse'];
        };
      };
      /** @description An unknown or unfinished Snorkel job, an unknown feature, a bad config */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such concept */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ClassifiersController_list: {
    parameters: {
      query?: {
        /** @description Items per page; above 1000 a page holds 1000 (X-Next-Cursor says more follow) */
        limit?: number;
        /** @description X-Next-Cursor of the previous page */
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page; more follow when X-Next-Cursor is set */
      200: {
        headers: {
          /** @description Present when more items follow: pass it as `cursor` for the next page */
          'X-Next-Cursor'?: string;
          /** @description Present when more items follow: `<url of the next page>; rel="next"` */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClassifierJobResponse'][];
        };
      };
      /** @description No such concept */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ClassifiersController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Job id */
        job_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClassifierJobResponse'];
        };
      };
      /** @description No such concept or job */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ClassifiersController_results: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Job id */
        job_id: number;
        /** @description Concept id */
        c_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClassifierResultsResponse'];
        };
      };
      /** @description No such concept or job */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The job has not succeeded */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  QueueBoardController_info: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QueueBoardResponse'];
        };
      };
      /** @description No key, or not a valid one (when keys are required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The key’s role does not cover this operation */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  QueueBoardController_openSession: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No key, or not a valid one (when keys are required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The key’s role does not cover this operation */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  QueueBoardController_closeSession: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No key, or not a valid one (when keys are required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The key’s role does not cover this operation */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
}
