import { AppError, UnavailableError, toAppError } from '@chat/kit';
import { MongoNetworkError, MongoServerSelectionError } from 'mongodb';

/**
 * The AppError a caller should see. A database that cannot be reached makes the service
 * unavailable, which tells the client to retry (safe: sends carry a client message id).
 */
export function callerError(err: unknown): AppError {
  if (err instanceof MongoNetworkError || err instanceof MongoServerSelectionError) {
    return new UnavailableError('message', err);
  }
  return toAppError(err);
}
