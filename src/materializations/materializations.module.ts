import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RunsModule } from '../runs/runs.module';
import { MaterializationEntity } from './materialization.entity';
import { MaterializationsRepository } from './materializations.repository';
import { MaterializationsService } from './materializations.service';

/**
 * The build lifecycle shared by every pipeline asset (materializations table + service).
 * Asset features import it and register their type (build kind, rebuild) in onModuleInit.
 */
@Module({
  imports: [TypeOrmModule.forFeature([MaterializationEntity]), RunsModule],
  providers: [MaterializationsRepository, MaterializationsService],
  exports: [MaterializationsService],
})
export class MaterializationsModule {}
