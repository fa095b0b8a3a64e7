import { serve } from '@chat/kit';
import { startAuth } from './app.js';
import { authSchema } from './config.js';

await serve('auth', authSchema, startAuth);
