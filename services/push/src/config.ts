import { serviceSchema } from '@chat/kit';

export const pushSchema = serviceSchema('push', 50054, 9104);
