import { Init1795741134873 } from './1795741134873-Init';
import { Runs1795742126067 } from './1795742126067-Runs';
import { ClaimRunFunction1795742200000 } from './1795742200000-ClaimRunFunction';
import { Occupancy1795745580415 } from './1795745580415-Occupancy';
import { OccupancyImplicitLinks1795751609804 } from './1795751609804-OccupancyImplicitLinks';
import { OccupancyDatasetProgress1795755396819 } from './1795755396819-OccupancyDatasetProgress';
import { OccupancyLostFiles1795756229463 } from './1795756229463-OccupancyLostFiles';
import { RunGroupsAndEndEvents1795800000000 } from './1795800000000-RunGroupsAndEndEvents';
import { OccupancyWindowObjects1796055919220 } from './1796055919220-OccupancyWindowObjects';
import { OccupancyChangeNotify1796200000000 } from './1796200000000-OccupancyChangeNotify';
import { ApiKeys1796300000000 } from './1796300000000-ApiKeys';
import { ConceptPipeline1796400000000 } from './1796400000000-ConceptPipeline';
import { LabelingFunctions1796500000000 } from './1796500000000-LabelingFunctions';
import { SnorkelJobs1796600000000 } from './1796600000000-SnorkelJobs';
import { DerivedIndexes1796700000000 } from './1796700000000-DerivedIndexes';
import { ClassifiersAndModels1796800000000 } from './1796800000000-ClassifiersAndModels';

/**
 * Every migration, oldest first. `npm run migration:generate -- src/database/migrations/Name`
 * writes a new one beside this file: add it here in the same commit.
 */
export const MIGRATIONS: Function[] = [
  Init1795741134873,
  Runs1795742126067,
  ClaimRunFunction1795742200000,
  Occupancy1795745580415,
  OccupancyImplicitLinks1795751609804,
  OccupancyDatasetProgress1795755396819,
  OccupancyLostFiles1795756229463,
  RunGroupsAndEndEvents1795800000000,
  OccupancyWindowObjects1796055919220,
  OccupancyChangeNotify1796200000000,
  ApiKeys1796300000000,
  ConceptPipeline1796400000000,
  LabelingFunctions1796500000000,
  SnorkelJobs1796600000000,
  DerivedIndexes1796700000000,
  ClassifiersAndModels1796800000000,
];
