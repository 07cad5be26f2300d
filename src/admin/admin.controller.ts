import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';

/** `/` leads to the dashboard (served by ServeStaticModule at /admin). */
@ApiExcludeController()
@Public()
@Controller()
export class AdminController {
  @Get()
  root(@Res() res: Response): void {
    res.redirect(302, '/admin/');
  }
}

/** /admin when the dashboard was not built. */
@ApiExcludeController()
@Public()
@Controller('admin')
export class DashboardMissingController {
  @Get(['', '*path'])
  missing(): never {
    throw new ServiceUnavailableException(
      'the dashboard is not built: run npm run build (npm start does it)',
    );
  }
}
