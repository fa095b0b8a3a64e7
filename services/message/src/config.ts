import { serviceSchema } from '@chat/kit';

export const messageSchema = serviceSchema('message', 50053, 9103);
