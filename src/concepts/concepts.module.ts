import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConceptEntity } from './concept.entity';
import { ConceptValueEntity } from './concept-value.entity';
import { ConceptValuesController } from './concept-values.controller';
import { ConceptValuesService } from './concept-values.service';
import { ConceptsController } from './concepts.controller';
import { ConceptsService } from './concepts.service';

/**
 * Concepts and their values (DESIGN §7). Features that keep rows under a concept or a value
 * register a DependentSource with ConceptsService / ConceptValuesService.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ConceptEntity, ConceptValueEntity])],
  controllers: [ConceptsController, ConceptValuesController],
  providers: [ConceptsService, ConceptValuesService],
  exports: [ConceptsService, ConceptValuesService],
})
export class ConceptsModule {}
