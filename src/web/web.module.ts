import { Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The project root, found from this file whether it runs from src/ (ts-node) or dist/src/. */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir)
    dir = path.dirname(dir);
  return dir;
}

export const WEB_DIST = process.env.WEB_DIST ?? path.join(projectRoot(), 'web', 'dist');

/**
 * Serves the built web app at `/` with history fallback: any path that is not the API, the
 * health check or a file gets index.html, so a reload on /leerlingen/123 opens the app there.
 */
@Module({
  imports: [
    ServeStaticModule.forRoot({
      rootPath: WEB_DIST,
      exclude: ['/api/{*rest}', '/health', '/health/{*rest}', '/metrics'],
      serveStaticOptions: {
        // Vite puts a content hash in every asset name: those may be cached for a year;
        // index.html never, so a new release is picked up on the next load.
        setHeaders: (res, file) => {
          res.setHeader(
            'Cache-Control',
            file.includes(`${path.sep}assets${path.sep}`)
              ? 'public, max-age=31536000, immutable'
              : 'no-cache',
          );
        },
      },
    }),
  ],
})
export class WebModule {}
