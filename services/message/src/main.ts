// The message service: message storage, per-session sequence numbers, history and sync.
import { serve } from '@chat/kit';
import { startMessage } from './app.js';
import { messageSchema } from './config.js';

await serve('message', messageSchema, startMessage);
