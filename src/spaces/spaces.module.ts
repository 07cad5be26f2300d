import { Module } from '@nestjs/common';
import { SpacesController } from './spaces.controller';
import { SpacesRepository } from './spaces.repository';
import { SpacesService } from './spaces.service';

/** Read-only browsing of the TIPPERS `space` table (TippersDb comes from the global module). */
@Module({
  controllers: [SpacesController],
  providers: [SpacesService, SpacesRepository],
  exports: [SpacesService, SpacesRepository],
})
export class SpacesModule {}
