import { ConfigError, loadConfig, describeConfig, type ConfigOf, type Schema } from './config.js';

/** The release version, reported in start-up lines and health answers. */
export const VERSION = process.env.npm_package_version ?? '0.1.0';

/**
 * Loads the service's config for `main.ts`. With `--help` it prints the variables and exits; an
 * invalid value exits with status 2 and a message that names the variable.
 */
export function startConfig<S extends Schema>(service: string, schema: S): ConfigOf<S> {
  if (process.argv.includes('--help')) {
    process.stdout.write(`${service}: configuration (environment variables)\n`);
    process.stdout.write(describeConfig(schema) + '\n');
    process.exit(0);
  }

  try {
    return loadConfig(schema);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${service}: invalid configuration: ${err.message}\n`);
    process.exit(2);
  }
}
