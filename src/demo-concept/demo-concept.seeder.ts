import {
  ConflictException,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import type { ResolvedConfig } from '../bootstrap/infrastructure';
import { APP_CONFIG } from '../config/app-config.provider';
import { ConnectionsService } from '../connections/connections.service';
import { ConceptValuesService } from '../concepts/concept-values.service';
import { ConceptsService } from '../concepts/concepts.service';
import { SqlAssetsService } from '../sql-assets/sql-assets.service';
import {
  DEMO_CONCEPT,
  DEMO_CONNECTION,
  DEMO_FEATURES,
  DEMO_INDEX,
  DEMO_RULES,
  DEMO_VALUES,
} from './demo-concept.definitions';

/**
 * On the first start with the demo database: registers the demo connection (read-only role),
 * the "device kind" concept with its values, index, rules and features, and materializes them
 * (runs). Later starts find the connection and leave everything as the user left it.
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
  ) {}

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
    for (const [i, v] of DEMO_VALUES.entries())
      await this.values.create(cId, { ...v, display_order: i });
    const index = await this.assets.create('index', cId, { ...DEMO_INDEX, conn_id: connId });
    const indexId = (index.asset as { indexId: number }).indexId;
    const built: Promise<unknown>[] = [];
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
        built.push(this.assets.materialize(type, cId, id));
      }
    }
    await Promise.all(built);
    this.logger.log(
      `demo concept "${DEMO_CONCEPT}" (c_id ${cId}) registered with ${DEMO_RULES.length} rules and ${DEMO_FEATURES.length} features; materializing`,
    );
  }
}
