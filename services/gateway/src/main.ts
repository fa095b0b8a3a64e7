import { createLogger, installShutdown, startConfig } from '@chat/kit';
import { startGateway } from './app.js';
import { gatewaySchema } from './config.js';

const config = startConfig('gateway', gatewaySchema);
const log = createLogger('gateway', config.LOG_LEVEL, config.GATEWAY_ID);

try {
  const gateway = await startGateway(config, log);
  installShutdown([['gateway', gateway.stop]], log, config.SHUTDOWN_TIMEOUT_MS);
} catch (err) {
  log.fatal({ err }, 'gateway failed to start');
  process.exit(1);
}
