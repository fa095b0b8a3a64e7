import { serviceSchema } from '@chat/kit';

export const sessionSchema = serviceSchema('session', 50052, 9102);
