import {
  ConflictException,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import type { ResolvedConfig } from '../bootstrap/infrastructure';
import { APP_CONFIG } from '../config/app-config.provider';
import { ClassifiersService } from '../classifiers/classifiers.service';
import { ConnectionsService } from '../connections/connections.service';
import { ConceptValuesService } from '../concepts/concept-values.service';
import { ConceptsService } from '../concepts/concepts.service';
import { LabelingFunctionsService } from '../labeling-functions/labeling-functions.service';
import { SnorkelService } from '../snorkel/snorkel.service';
import { SqlAssetsService } from '../sql-assets/sql-assets.service';
import {
  DEMO_CONCEPT,
  DEMO_CONNECTION,
  DEMO_FEATURES,
  DEMO_GOLD_RULE,
  DEMO_INDEX,
  DEMO_LFS,
  DEMO_RULES,
  DEMO_VALUES,
} from './demo-concept.definitions';

/**
 * On the first start with the demo database: registers the demo connection (read-only role),
 * the "device kind" concept with its values, index, rules (and a gold rule from
 * demo_device_truth) and features, materializes them (runs), adds labeling functions of all
 * three types, starts a Snorkel job scored against the gold rule and a classifier job on its
 * labels (the best model is registered and predicts every device). Later starts find the
 * connection and leave everything as the user left it.
 */
@Injectable()
export class DemoConceptSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoConcept');
  /** Settles when the seeding is done (tests wait for it). */
  done: Promise<void> = Promise.resolve();

  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly connections: ConnectionsService,
    private readonly concepts: ConceptsService,
    private readonly values: ConceptValuesService,
    private readonly assets: SqlAssetsService,
    private readonly lfs: LabelingFunctionsService,
    private readonly snorkel: SnorkelService,
    private readonly classifiers: ClassifiersService,
  ) {}

  /** The demo's Snorkel job (set when this start created it). */
  jobId?: number;
  /** The demo's classifier job (set when this start created it). */
  classifierJobId?: number;

  onApplicationBootstrap(): void {
    const reader = this.config.demoReader;
    if (!reader || this.config.appRole === 'worker') return;
    // not awaited: the service answers while the demo is being set up
    this.done = this.seed(reader).catch((e) =>
      this.logger.warn(`the demo concept could not be set up: ${String(e)}`),
    );
  }

  private async seed(reader: NonNullable<ResolvedConfig['demoReader']>): Promise<void> {
    let connId: number;
    try {
      connId = (
        await this.connections.create({
          name: DEMO_CONNECTION,
          connection_type: 'postgresql',
          host: reader.host,
          port: reader.port,
          database: reader.database,
          user: reader.user,
          password: reader.password,
        })
      ).connId;
    } catch (e) {
      if (e instanceof ConflictException) return; // set up by an earlier start
      throw e;
    }
    const concept = await this.concepts.create({
      name: DEMO_CONCEPT,
      description:
        'Which kind of device a MAC address of the demo campus is (gold labels: demo_device_truth)',
    });
    const cId = concept.cId;
    const cv: Record<string, number> = {};
    for (const [i, v] of DEMO_VALUES.entries())
      cv[v.name] = (await this.values.create(cId, { ...v, display_order: i })).cvId;
    const index = await this.assets.create('index', cId, { ...DEMO_INDEX, conn_id: connId });
    const indexId = (index.asset as { indexId: number }).indexId;
    const built: Promise<unknown>[] = [];
    const ruleIds = new Map<string, number>();
    const featureIds: number[] = [];
    for (const [type, list] of [
      ['rule', DEMO_RULES],
      ['feature', DEMO_FEATURES],
    ] as const) {
      for (const d of list) {
        const a = await this.assets.create(type, cId, {
          ...d,
          index_id: indexId,
          index_column: 'mac_address',
        });
        const id =
          type === 'rule'
            ? (a.asset as { rId: number }).rId
            : (a.asset as { featureId: number }).featureId;
        if (type === 'rule') ruleIds.set(d.name, id);
        else featureIds.push(id);
        built.push(this.assets.materialize(type, cId, id));
      }
    }
    const gold = await this.assets.create('rule', cId, {
      name: DEMO_GOLD_RULE.name,
      sql_query: DEMO_GOLD_RULE.sql(cv),
      index_id: indexId,
      index_column: 'mac_address',
    });
    const goldId = (gold.asset as { rId: number }).rId;
    built.push(this.assets.materialize('rule', cId, goldId));
    await Promise.all(built);
    const lfIds: number[] = [];
    for (const lf of DEMO_LFS)
      lfIds.push(
        (
          await this.lfs.create(cId, {
            name: lf.name,
            rule_id: ruleIds.get(lf.rule)!,
            applicable_cv_ids: lf.values.map((v) => cv[v]),
            lf_type: lf.lf_type,
            lf_config: lf.config(cv),
          })
        ).lfId,
      );
    // the job builds what is still building, then trains (a run of kind snorkel)
    const job = await this.snorkel.create(cId, {
      index_id: indexId,
      lf_ids: lfIds,
      gold: { rule_id: goldId, column: DEMO_GOLD_RULE.column },
      config: { epochs: 500, seed: 123, tie_policy: 'random' },
    });
    this.jobId = job.job_id;
    // then classifiers on its labels and the features (the run waits for the Snorkel job); the
    // best model is registered and predicts every demo device
    const classifier = await this.classifiers.create(cId, {
      snorkel_job_id: job.job_id,
      feature_ids: featureIds,
      config: { random_state: 123, predict_index: true },
    });
    this.classifierJobId = classifier.job_id;
    this.logger.log(
      `demo concept "${DEMO_CONCEPT}" (c_id ${cId}) registered with ${DEMO_RULES.length} rules, ${DEMO_FEATURES.length} features, ${DEMO_LFS.length} labeling functions, Snorkel job ${job.job_id} and classifier job ${classifier.job_id}; materializing and training`,
    );
  }
}
