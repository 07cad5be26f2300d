import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { AdminController, DashboardMissingController } from './admin.controller';
import { dashboardDir } from './dashboard-dir';

/**
 * The admin dashboard (web/, built into dist/web by `npm run build`): its files at /admin, its
 * pages' URLs answered with its index.html, and `/` redirected there. Without a build, /admin
 * answers 503 saying how to build it.
 */
@Module({})
export class AdminModule {
  static register(): DynamicModule {
    const dir = dashboardDir();
    return {
      module: AdminModule,
      imports: dir
        ? [
            ServeStaticModule.forRoot({
              rootPath: dir,
              serveRoot: '/admin',
              serveStaticOptions: { index: 'index.html', fallthrough: true },
            }),
          ]
        : [],
      controllers: dir ? [AdminController] : [AdminController, DashboardMissingController],
    };
  }
}
