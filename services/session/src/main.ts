import { serve } from '@chat/kit';
import { startSession } from './app.js';
import { sessionSchema } from './config.js';

await serve('session', sessionSchema, startSession);
