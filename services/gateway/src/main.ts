import { serve } from '@chat/kit';
import { startGateway } from './app.js';
import { gatewaySchema } from './config.js';

await serve('gateway', gatewaySchema, startGateway, (config) => config.GATEWAY_ID);
