/**
 * One error hierarchy for the whole action. A workflow returns them as its outcome's `failure`;
 * report/ (`reportRunEnd`) turns one into a failed step. The class says what happened, the fields
 * carry what the user needs to act on it.
 */
export class ActionError extends Error {
  override name = 'ActionError';
}

/**
 * What the inputs ask cannot be done with what the API described (found out after a look, so it
 * is not an InputError): names the input; `reason` is the plan's typed refusal, which each
 * action's report/ puts in words.
 */
export class RefusedError<Reason extends { input: string } = { input: string }> extends ActionError {
  override name = 'RefusedError';
  readonly reason: Reason;
  constructor(reason: Reason) {
    super(`Input "${reason.input}" cannot be applied to what the API described.`);
    this.reason = reason;
  }

  /** The input to change. */
  get input(): string {
    return this.reason.input;
  }
}

/** A bad input: names the input and the fix. Raised before any request is sent. */
export class InputError extends ActionError {
  override name = 'InputError';
  readonly input: string;
  constructor(input: string, problem: string) {
    super(`Input "${input}": ${problem}`);
    this.input = input;
  }
}

/** A failure of one endpoint's request: says which. */
export class EndpointError extends ActionError {
  override name = 'EndpointError';
  readonly endpoint: string;
  constructor(endpoint: string, message: string) {
    super(message);
    this.endpoint = endpoint;
  }
}

/** The API answered with a non-zero code, or an HTTP error with an error envelope. */
export class ApiError extends EndpointError {
  override name = 'ApiError';
  /** The request's id from the answer's headers, for Zilliz support. */
  readonly requestId: string | undefined;
  /** The API's own error code (0 never: that is success). */
  readonly code: number;
  readonly apiMessage: string;
  readonly httpStatus: number;
  readonly hint: string | undefined;
  /** From a Retry-After header (read on 429 and 5xx answers). */
  readonly retryAfterMs: number | undefined;
  constructor(fields: {
    code: number;
    apiMessage: string;
    httpStatus: number;
    requestId?: string | undefined;
    endpoint: string;
    hint?: string | undefined;
    retryAfterMs?: number | undefined;
  }) {
    const id = fields.requestId ? ` (request id ${fields.requestId})` : '';
    const hint = fields.hint ? `\nHint: ${fields.hint}` : '';
    super(fields.endpoint, `Zilliz Cloud API error ${fields.code}: ${fields.apiMessage} [${fields.endpoint}, HTTP ${fields.httpStatus}]${id}${hint}`);
    this.code = fields.code;
    this.apiMessage = fields.apiMessage;
    this.httpStatus = fields.httpStatus;
    this.requestId = fields.requestId;
    this.hint = fields.hint;
    this.retryAfterMs = fields.retryAfterMs;
  }
}

/** An HTTP failure without a usable error envelope (gateway errors, HTML bodies, redirects). */
export class HttpStatusError extends EndpointError {
  override name = 'HttpStatusError';
  readonly httpStatus: number;
  readonly retryAfterMs: number | undefined;
  constructor(httpStatus: number, endpoint: string, detail: string, retryAfterMs?: number) {
    super(endpoint, `HTTP ${httpStatus} from ${endpoint}${detail ? `: ${detail}` : ''}`);
    this.httpStatus = httpStatus;
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * The request did not get an answer. `sent` says whether the server may have received it:
 * false only when the connection was never made (refused, DNS), which makes a retry of a
 * non-idempotent call safe.
 */
export class TransportError extends EndpointError {
  override name = 'TransportError';
  /** Whether the request may have reached the server. */
  readonly sent: boolean;
  constructor(endpoint: string, detail: string, sent: boolean) {
    super(endpoint, `No answer from ${endpoint}: ${detail}`);
    this.sent = sent;
  }
}

/**
 * A 2xx answer that is not JSON or not of the documented shape. `garbled` marks a body that is
 * not an envelope at all (cut, HTML from a proxy): worth asking again, unlike a wrong shape.
 */
export class UnexpectedResponseError extends EndpointError {
  override name = 'UnexpectedResponseError';
  readonly garbled: boolean;
  constructor(endpoint: string, detail: string, garbled = false) {
    super(endpoint, `Unexpected response from ${endpoint}: ${detail}`);
    this.garbled = garbled;
  }
}

/** A listing went on past its cap without an end (every page full of new items): nothing was done with it. */
export class ListingTooLongError extends ActionError {
  override name = 'ListingTooLongError';
  readonly listing: string;
  constructor(listing: string, pages: number, pageSize: number) {
    super(
      `The listing ${listing} went on past ${pages} pages of ${pageSize} backups without an end, so it was stopped and nothing was deleted or chosen from it. ` +
        'A real cluster has far fewer backups: check base-url, and any proxy between the runner and the API.',
    );
    this.listing = listing;
  }
}

/** A job ended FAILED or CANCELED. */
export class JobFailedError extends ActionError {
  override name = 'JobFailedError';
  readonly jobId: string;
  readonly status: string;
  readonly reason: string;
  constructor(jobId: string, status: string, reason: string) {
    super(`Job ${jobId} ended ${status}${reason ? `: ${reason}` : ' (the API gave no reason)'}`);
    this.jobId = jobId;
    this.status = status;
    this.reason = reason;
  }
}

/** A status this action does not know: fail closed rather than guess. */
export class UnknownStatusError extends ActionError {
  override name = 'UnknownStatusError';
  readonly status: string;
  constructor(what: string, status: string) {
    super(`${what} has status "${status}", which this action does not know; failing closed. Check it in the Zilliz Cloud console.`);
    this.status = status;
  }
}

/**
 * The run stopped before its work was done. `sentRequest` is true when it cut a request short
 * after it was sent (its outcome is unknown).
 */
export class InterruptedError extends ActionError {
  override name = 'InterruptedError';
  readonly sentRequest: boolean;
  constructor(message: string, sentRequest = false) {
    super(message);
    this.sentRequest = sentRequest;
  }
}

/** The overall `timeout` ran out. */
export class DeadlineError extends InterruptedError {
  override name = 'DeadlineError';
  /** What was being waited for when it ran out (it still runs); each action's report says what to do. */
  readonly waitingFor: string | undefined;
  constructor(message: string, sentRequest = false, waitingFor?: string) {
    super(message, sentRequest);
    this.waitingFor = waitingFor;
  }
}

/** The runner cancelled the step (SIGINT/SIGTERM). */
export class CancelledError extends InterruptedError {
  override name = 'CancelledError';
}

/** A backup that was being waited for is gone (DELETED) instead of becoming AVAILABLE. */
export class BackupGoneError extends ActionError {
  override name = 'BackupGoneError';
}

/** The cluster runs another backup job and `if-busy: fail` was asked for. */
export class ClusterBusyError extends ActionError {
  override name = 'ClusterBusyError';
}

/** A DELETE failed and the backup is still listed. */
export class DeleteFailedError extends ActionError {
  override name = 'DeleteFailedError';
  readonly backupId: string;
  constructor(backupId: string, cause: unknown) {
    super(`Backup ${backupId} could not be deleted: it is still listed after ${detailOf(cause)}`, { cause });
    this.backupId = backupId;
  }
}

/** The retention rules select more backups than max-deletions allows: nothing was deleted. */
export class TooManyDeletionsError extends ActionError {
  override name = 'TooManyDeletionsError';
  readonly candidates: number;
  readonly maxDeletions: number;
  constructor(candidates: number, maxDeletions: number) {
    // What else to change is each action's own advice (report/), since their inputs differ.
    super(
      `The rules select ${candidates} backups to delete, more than max-deletions (${maxDeletions}); nothing was deleted. ` +
        `Set max-deletions: ${candidates} (or more) to delete them.`,
    );
    this.candidates = candidates;
    this.maxDeletions = maxDeletions;
  }
}

/** A cluster the run meant to drop is still there (or its fate could not be learnt). */
export class ClusterDropFailedError extends ActionError {
  override name = 'ClusterDropFailedError';
  readonly clusterId: string;
  constructor(clusterId: string, detail: string, cause?: unknown) {
    super(`Cluster ${clusterId} was not dropped: ${detail}`, { cause });
    this.clusterId = clusterId;
  }
}

/** A cluster that does not serve: a status that is neither RUNNING nor on its way to it. */
export class ClusterNotServingError extends ActionError {
  override name = 'ClusterNotServingError';
  readonly status: string;
  constructor(clusterId: string, status: string) {
    super(`Cluster ${clusterId} is ${status}, not RUNNING nor on its way to it; failing closed. Check it in the Zilliz Cloud console.`);
    this.status = status;
  }
}

/** Collections the backup describes that the clone does not have. */
export class CollectionsMissingError extends ActionError {
  override name = 'CollectionsMissingError';
  readonly missing: string[];
  constructor(clusterId: string, backupId: string, missing: string[]) {
    super(`The clone ${clusterId} lacks what backup ${backupId} describes: ${missing.join(', ')}.`);
    this.missing = missing;
  }
}

/** The text of any failure: ours as they are, others with their class name. */
export function messageOf(error: unknown): string {
  if (error instanceof ActionError) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** An error's own text, without its class name: a detail inside another message. */
export function detailOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The text of what caused an error (undici puts the socket's error there), if any. */
export function causeOf(error: unknown): string | undefined {
  return error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
}
