import { serviceSchema } from '@chat/kit';

export const filesSchema = serviceSchema('files', 50055, 9105);
