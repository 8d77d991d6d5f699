import mongoose from 'mongoose';
import { StoreUnavailableError } from '../../domain/ports.js';

const { MongoBulkWriteError, MongoNetworkError, MongoNotConnectedError, MongoServerError, MongoServerSelectionError, MongoTopologyClosedError, MongoWriteConcernError } =
  mongoose.mongo;

const DUPLICATE_KEY = 11000;

// Server answers that mean "not now" rather than "this request is wrong": the primary is
// stepping down or shutting down, the host is unreachable, an operation was interrupted.
const TRANSIENT_CODES = new Set([6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436]);

export function isDuplicateKey(error: unknown): boolean {
  if (error instanceof MongoBulkWriteError) {
    const errors = error.writeErrors;
    const list = Array.isArray(errors) ? errors : [errors];
    return list.length > 0 && list.every((e) => e.code === DUPLICATE_KEY);
  }
  return error instanceof MongoServerError && error.code === DUPLICATE_KEY;
}

export function isUnavailable(error: unknown): boolean {
  if (
    error instanceof MongoNetworkError ||
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoTopologyClosedError ||
    error instanceof MongoWriteConcernError ||
    error instanceof mongoose.Error.MongooseServerSelectionError
  ) {
    return true;
  }
  if (error instanceof MongoServerError) {
    return error.hasErrorLabel('RetryableWriteError') || (typeof error.code === 'number' && TRANSIENT_CODES.has(error.code));
  }
  return false;
}

/** Reports connection and server-availability failures as StoreUnavailableError; anything else as is. */
export function unavailable(error: unknown): unknown {
  if (error instanceof StoreUnavailableError) return error;
  if (isUnavailable(error)) {
    return new StoreUnavailableError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  return error;
}

/** Inserts, treating "already there" as success: for first-wins projection rows. */
export async function insertIgnoringDuplicates(insert: () => Promise<unknown>): Promise<void> {
  try {
    await insert();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}
