import { ConfigError, loadConfig } from './config';
import { serve } from './server';

/** `npm start`: one web process with the background jobs inside it (see `tmm serve --workers N`). */
try {
  await serve(loadConfig());
} catch (error) {
  console.error(
    error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error,
  );
  process.exit(error instanceof ConfigError ? 2 : 1);
}
