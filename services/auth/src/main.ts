import { createLogger, installShutdown, startConfig } from '@chat/kit';
import { startAuth } from './app.js';
import { authSchema } from './config.js';

const config = startConfig('auth', authSchema);
const log = createLogger('auth', config.LOG_LEVEL);
const service = await startAuth(config, log);

installShutdown([['service', service.stop]], log, config.SHUTDOWN_TIMEOUT_MS);
