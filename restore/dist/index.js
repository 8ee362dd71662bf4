import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 2155:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _entries_restore_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7295);

await (0,_entries_restore_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 7295:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  e: () => (/* binding */ run)
});

;// CONCATENATED MODULE: ./src/errors.ts
/**
 * One error hierarchy for the whole action. `fail()` in report/ turns any of these into a failed
 * step; the class says what happened, the fields carry what the user needs to act on it.
 */
class ActionError extends Error {
    name = 'ActionError';
}
/** A bad input: names the input and the fix. Raised before any request is sent. */
class errors_InputError extends ActionError {
    name = 'InputError';
    input;
    constructor(input, problem) {
        super(`Input "${input}": ${problem}`);
        this.input = input;
    }
}
/** The API answered with a non-zero code, or an HTTP error with an error envelope. */
class ApiError extends ActionError {
    name = 'ApiError';
    code;
    apiMessage;
    httpStatus;
    requestId;
    endpoint;
    hint;
    /** From a Retry-After header (read on 429 and 5xx answers). */
    retryAfterMs;
    constructor(fields) {
        const id = fields.requestId ? ` (request id ${fields.requestId})` : '';
        const hint = fields.hint ? `\nHint: ${fields.hint}` : '';
        super(`Zilliz Cloud API error ${fields.code}: ${fields.apiMessage} [${fields.endpoint}, HTTP ${fields.httpStatus}]${id}${hint}`);
        this.code = fields.code;
        this.apiMessage = fields.apiMessage;
        this.httpStatus = fields.httpStatus;
        this.requestId = fields.requestId;
        this.endpoint = fields.endpoint;
        this.hint = fields.hint;
        this.retryAfterMs = fields.retryAfterMs;
    }
}
/** An HTTP failure without a usable error envelope (gateway errors, HTML bodies, redirects). */
class HttpStatusError extends ActionError {
    name = 'HttpStatusError';
    httpStatus;
    endpoint;
    retryAfterMs;
    constructor(httpStatus, endpoint, detail, retryAfterMs) {
        super(`HTTP ${httpStatus} from ${endpoint}${detail ? `: ${detail}` : ''}`);
        this.httpStatus = httpStatus;
        this.endpoint = endpoint;
        this.retryAfterMs = retryAfterMs;
    }
}
/**
 * The request did not get an answer. `sent` says whether the server may have received it:
 * false only when the connection was never made (refused, DNS), which makes a retry of a
 * non-idempotent call safe.
 */
class TransportError extends ActionError {
    name = 'TransportError';
    endpoint;
    sent;
    constructor(endpoint, detail, sent) {
        super(`No answer from ${endpoint}: ${detail}`);
        this.endpoint = endpoint;
        this.sent = sent;
    }
}
/** A 2xx answer that is not JSON or not of the documented shape. */
class UnexpectedResponseError extends ActionError {
    name = 'UnexpectedResponseError';
    endpoint;
    constructor(endpoint, detail) {
        super(`Unexpected response from ${endpoint}: ${detail}`);
        this.endpoint = endpoint;
    }
}
/** A job ended FAILED or CANCELED. */
class JobFailedError extends ActionError {
    name = 'JobFailedError';
    jobId;
    status;
    reason;
    constructor(jobId, status, reason) {
        super(`Job ${jobId} ended ${status}${reason ? `: ${reason}` : ' (the API gave no reason)'}`);
        this.jobId = jobId;
        this.status = status;
        this.reason = reason;
    }
}
/** A status this action does not know: fail closed rather than guess. */
class errors_UnknownStatusError extends ActionError {
    name = 'UnknownStatusError';
    status;
    constructor(what, status) {
        super(`${what} has status "${status}", which this action does not know; failing closed. Check it in the Zilliz Cloud console.`);
        this.status = status;
    }
}
/**
 * The run stopped before its work was done. `sentRequest` is true when it cut a request short
 * after it was sent (its outcome is unknown).
 */
class InterruptedError extends ActionError {
    name = 'InterruptedError';
    sentRequest;
    constructor(message, sentRequest = false) {
        super(message);
        this.sentRequest = sentRequest;
    }
}
/** The overall `timeout` ran out. */
class DeadlineError extends InterruptedError {
    name = 'DeadlineError';
}
/** The runner cancelled the step (SIGINT/SIGTERM). */
class CancelledError extends InterruptedError {
    name = 'CancelledError';
}
/** A backup that was being waited for is gone (DELETED) instead of becoming AVAILABLE. */
class errors_BackupGoneError extends (/* unused pure expression or super */ null && (ActionError)) {
    name = 'BackupGoneError';
}
/** The cluster runs another backup job and `if-busy: fail` was asked for. */
class ClusterBusyError extends (/* unused pure expression or super */ null && (ActionError)) {
    name = 'ClusterBusyError';
}

;// CONCATENATED MODULE: ./src/format.ts
/** How durations and sizes read in logs and summaries. */
/** 1h2m3s, 30m, 45s. */
function format_formatDuration(ms) {
    const totalSeconds = Math.round(ms / 1000);
    const h = Math.floor(totalSeconds / 3600);
    const m = Math.floor((totalSeconds % 3600) / 60);
    const s = totalSeconds % 60;
    const parts = [h ? `${h}h` : '', m ? `${m}m` : '', s || (!h && !m) ? `${s}s` : ''];
    return parts.join('');
}
/** 64.0 MiB. */
function format_formatBytes(bytes) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

;// CONCATENATED MODULE: ./src/inputs/parse.ts


/** A GitHub job may run for at most six hours; no wait of ours can usefully be longer. */
const MAX_JOB_MS = 6 * 60 * 60 * 1000;
const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
const DURATION_PART = /(\d+(?:\.\d+)?)\s*(ms|d|h|m|s)/gy;
/**
 * Parses `1800` (seconds), `90s`, `30m`, `1h30m`, `1h 30m`, `500ms`, `2d` into milliseconds.
 * Returns undefined for a blank value so callers decide whether blank is allowed.
 */
function parseDuration(input, raw, options = {}) {
    const value = raw.trim();
    if (value === '')
        return undefined;
    const fix = 'use seconds (1800) or units like 90s, 30m, 1h30m';
    let ms;
    if (value.startsWith('-'))
        throw new errors_InputError(input, `"${value}" is negative; it must be longer than zero; ${fix}.`);
    if (/^\d+(\.\d+)?$/.test(value)) {
        ms = Number(value) * 1000;
    }
    else {
        ms = 0;
        DURATION_PART.lastIndex = 0;
        let matched = 0;
        for (let m = DURATION_PART.exec(value); m; m = DURATION_PART.exec(value)) {
            ms += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? Number.NaN);
            matched = DURATION_PART.lastIndex;
            while (value[DURATION_PART.lastIndex] === ' ')
                DURATION_PART.lastIndex++;
        }
        if (matched !== value.length || !Number.isFinite(ms)) {
            throw new errors_InputError(input, `"${value}" is not a duration; ${fix}.`);
        }
    }
    if (!(Math.round(ms) > 0))
        throw new errors_InputError(input, `"${value}" must be longer than zero; ${fix}.`);
    if (options.max !== undefined && ms > options.max) {
        throw new errors_InputError(input, `"${value}" is longer than ${format_formatDuration(options.max)}, the most a GitHub job may run; use a shorter duration.`);
    }
    return Math.round(ms);
}
/** YAML 1.2 core booleans, as `core.getBooleanInput` accepts them; blank gives the default. */
function parseBoolean(input, raw, fallback) {
    const value = raw.trim();
    if (value === '')
        return fallback;
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new errors_InputError(input, `"${value}" is not a boolean; use true or false.`);
}
/** Splits on newlines and commas, trims, drops blanks and repeats (first one wins). */
function parseList(raw) {
    const items = raw
        .split(/[\n,]/)
        .map((item) => item.trim())
        .filter((item) => item !== '');
    return [...new Set(items)];
}
function parseChoice(input, raw, choices, fallback) {
    const value = raw.trim();
    if (value === '')
        return fallback;
    const match = choices.find((choice) => choice.toLowerCase() === value.toLowerCase());
    if (!match)
        throw new InputError(input, `"${value}" is not one of ${choices.join(', ')}.`);
    return match;
}
function requireValue(input, raw, what) {
    const value = raw.trim();
    if (value === '')
        throw new errors_InputError(input, `is required: ${what}`);
    return value;
}
const CLUSTER_ID = /^in\d{2}-[0-9a-z]+$/;
function parseClusterId(input, raw) {
    const value = requireValue(input, raw, 'set it to your Dedicated cluster ID, e.g. in01-0123456789abcde.');
    if (!CLUSTER_ID.test(value)) {
        throw new errors_InputError(input, `"${value}" is not a Zilliz Cloud cluster ID; copy it from the console, e.g. in01-0123456789abcde (no spaces or slashes).`);
    }
    return value;
}
/** Milvus database and collection names. */
const MILVUS_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function checkMilvusName(input, what, name) {
    if (name.length > 255)
        throw new errors_InputError(input, `${what} "${name.slice(0, 40)}…" is ${name.length} characters; Milvus allows at most 255.`);
    if (!MILVUS_NAME.test(name)) {
        throw new errors_InputError(input, `${what} "${name}" is not a valid Milvus name; use letters, digits and underscores, not starting with a digit.`);
    }
    return name;
}
const DEFAULT_DATABASE = 'default';
/** `name` or `database.name`, one database per entry; repeats (also `default.x` vs `x`) dropped. */
function parseCollections(input, raw) {
    const refs = [];
    const seen = new Set();
    for (const item of parseList(raw)) {
        const parts = item.split('.');
        if (parts.length > 2) {
            throw new errors_InputError(input, `"${item}" has more than one dot; write a collection as name or database.name.`);
        }
        const [database, collection] = parts.length === 2 ? [parts[0] ?? '', parts[1] ?? ''] : [DEFAULT_DATABASE, parts[0] ?? ''];
        checkMilvusName(input, 'database name', database);
        checkMilvusName(input, 'collection name', collection);
        const key = `${database}.${collection}`;
        if (seen.has(key))
            continue;
        seen.add(key);
        refs.push({ database, collection });
    }
    return refs;
}
/** Groups collections by database, databases in order of first mention. */
function groupByDatabase(refs) {
    const groups = new Map();
    for (const ref of refs) {
        const list = groups.get(ref.database) ?? [];
        list.push(ref.collection);
        groups.set(ref.database, list);
    }
    return groups;
}
const REGION_ID = /^[a-z]+-[a-z0-9-]*[a-z0-9]$/;
function parseRegionIds(input, raw) {
    return parseList(raw).map((region) => {
        if (!REGION_ID.test(region)) {
            throw new InputError(input, `"${region}" is not a region ID; use IDs such as aws-us-east-1, gcp-us-west1, az-eastus.`);
        }
        return region;
    });
}
const DEFAULT_BASE_URL = 'https://api.cloud.zilliz.com';
function isLoopback(hostname) {
    const host = hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
/** https only, except loopback (the emulator); no query or fragment; no trailing slash. */
function parseBaseUrl(input, raw) {
    const value = raw.trim() || DEFAULT_BASE_URL;
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new errors_InputError(input, `"${value}" is not a URL; use ${DEFAULT_BASE_URL} (China: https://api.cloud.zilliz.com.cn).`);
    }
    const loopbackHttp = url.protocol === 'http:' && isLoopback(url.hostname);
    if (url.protocol !== 'https:' && !loopbackHttp) {
        throw new errors_InputError(input, `"${value}" must use https:// (plain http is allowed only for a loopback host such as 127.0.0.1).`);
    }
    if (url.search || url.hash || url.username || url.password) {
        throw new errors_InputError(input, `"${value}" must not carry a query, fragment or credentials; use the bare API origin, e.g. ${DEFAULT_BASE_URL}.`);
    }
    url.pathname = url.pathname.replace(/\/+$/, '');
    return url;
}

;// CONCATENATED MODULE: ./src/inputs/common.ts


/** The variable the runner sets for input `name`: INPUT_, then the name upper-cased with spaces as _. */
function inputVariable(name) {
    return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}
/**
 * Inputs as the runner passes them, read the way core.getInput reads them (trimmed, '' when
 * unset), without loading @actions/core: the first request goes out before it is loaded.
 */
function environmentInputs(env = process.env) {
    return (name) => (env[inputVariable(name)] ?? '').trim();
}
const DEFAULT_TIMEOUT = '30m';
function readApiKey(read) {
    const key = requireValue('api-key', read('api-key'), 'pass your Zilliz Cloud API key from a secret: api-key: ${{ secrets.ZILLIZ_API_KEY }}.');
    if (/\s/.test(key))
        throw new errors_InputError('api-key', 'contains white space; copy the API key again without spaces or line breaks.');
    // Anything else outside printable ASCII cannot go in an Authorization header.
    if (/[^\x21-\x7e]/.test(key)) {
        throw new errors_InputError('api-key', 'contains characters that are not printable ASCII; copy the API key again from the Zilliz Cloud console.');
    }
    return key;
}
function readConnection(read, apiKey) {
    const timeout = read('timeout').trim() || DEFAULT_TIMEOUT;
    const timeoutMs = parseDuration('timeout', timeout, { max: MAX_JOB_MS }) ?? 0;
    const pollIntervalMs = parseDuration('poll-interval', read('poll-interval'), { max: MAX_JOB_MS });
    if (pollIntervalMs !== undefined && pollIntervalMs >= timeoutMs) {
        throw new errors_InputError('poll-interval', `must be shorter than timeout (${timeout}); leave it empty to let the action choose.`);
    }
    return { apiKey, baseUrl: parseBaseUrl('base-url', read('base-url')), timeoutMs, pollIntervalMs };
}

;// CONCATENATED MODULE: ./src/inputs/restore.ts



const DEFAULT_NAME_SUFFIX = '_restored';
/**
 * `isSet(name)` tells an input that is present but empty from one not given at all: an empty
 * name-suffix is meaningful (restore under the original names), an absent one is the default.
 */
function readRestoreRequest(read, isSet, apiKey = readApiKey(read)) {
    const clusterId = parseClusterId('cluster-id', read('cluster-id'));
    const backupId = requireValue('backup-id', read('backup-id'), 'pass the backup to restore from, e.g. backup-id: ${{ steps.backup.outputs.backup-id }}.');
    if (/[\s/?#]/.test(backupId))
        throw new errors_InputError('backup-id', `"${backupId}" is not one backup ID; the restore sub-action takes a single backup (pick one from a space-separated list).`);
    const targetClusterId = read('target-cluster-id').trim() ? parseClusterId('target-cluster-id', read('target-cluster-id')) : clusterId;
    const targetDatabaseRaw = read('target-database').trim();
    const targetDatabase = targetDatabaseRaw ? checkMilvusName('target-database', 'database name', targetDatabaseRaw) : undefined;
    const nameSuffix = isSet('name-suffix') ? read('name-suffix').trim() : DEFAULT_NAME_SUFFIX;
    if (nameSuffix && !/^[A-Za-z0-9_]+$/.test(nameSuffix)) {
        throw new errors_InputError('name-suffix', `"${nameSuffix}" may hold only letters, digits and underscores (it is appended to Milvus collection names).`);
    }
    if (!nameSuffix && targetClusterId === clusterId) {
        throw new errors_InputError('name-suffix', "is empty while restoring into the backup's own cluster, which would collide with the original collections; keep a suffix (default _restored) or set target-cluster-id to another cluster.");
    }
    const collections = parseCollections('collections', read('collections'));
    for (const ref of collections)
        checkMilvusName('name-suffix', 'restored collection name', `${ref.collection}${nameSuffix}`);
    return {
        ...readConnection(read, apiKey),
        clusterId,
        backupId,
        targetClusterId,
        collections,
        targetDatabase,
        nameSuffix,
        load: parseBoolean('load', read('load'), true),
        wait: parseBoolean('wait', read('wait'), true),
    };
}

;// CONCATENATED MODULE: ./src/report/outputs.ts

/** One value per backup, space-separated in database order: the shape later steps split on. */
function backupOutputs(state) {
    const { records } = state;
    return {
        'backup-id': records.map((r) => r.backupId).join(' '),
        'job-id': records.some((r) => r.jobId) ? records.map((r) => r.jobId || NO_JOB).join(' ') : '',
        'backup-name': records.map((r) => r.backupName).join(' '),
        backups: JSON.stringify(records.map((r) => ({
            database: r.database ?? null,
            collections: r.collections,
            backupId: r.backupId,
            backupName: r.backupName,
            jobId: r.jobId,
            status: r.status,
            size: r.size ?? null,
            created: r.created,
        }))),
        status: state.status,
        duration: String(Math.round(state.durationMs / 1000)),
        // Empty when nothing was made or reused, so `created == 'false'` means "reused" only.
        created: records.length ? String(records.every((r) => r.created)) : '',
    };
}
/** Only the ids: written the moment a backup exists, before any waiting. */
function idOutputs(records) {
    const all = backupOutputs({ records, status: '', durationMs: 0 });
    return { 'backup-id': all['backup-id'] ?? '', 'job-id': all['job-id'] ?? '', 'backup-name': all['backup-name'] ?? '', backups: all.backups ?? '[]' };
}
function writeOutputs(setOutput, outputs) {
    for (const [name, value] of Object.entries(outputs))
        setOutput(name, value);
}

;// CONCATENATED MODULE: ./src/report/common.ts


/** The workflow run, for the summary; loaded lazily to keep start-up fast. */
async function workflowRunLink() {
    if (!process.env.GITHUB_REPOSITORY || !process.env.GITHUB_RUN_ID)
        return undefined;
    const { context } = await __nccwpck_require__.e(/* import() */ 413).then(__nccwpck_require__.bind(__nccwpck_require__, 2413));
    const { owner, repo } = context.repo;
    return { url: `${context.serverUrl}/${owner}/${repo}/actions/runs/${context.runId}`, label: `${context.workflow} #${context.runNumber}` };
}
/** Status for the `status` output when the run failed before the records said more. */
function failureStatus(error) {
    if (error === undefined)
        return '';
    if (error instanceof JobFailedError)
        return error.status;
    if (error instanceof DeadlineError)
        return 'TIMEOUT';
    if (error instanceof CancelledError)
        return 'CANCELLED';
    return 'ERROR';
}
/**
 * The `status` output at the end: a timeout or cancellation reports the last status seen (the
 * job still runs); other failures say what went wrong.
 */
function interruptedOrFinalStatus(lastStatus, failure) {
    const interrupted = failure instanceof InterruptedError;
    const status = lastStatus !== undefined && (failure === undefined || interrupted) ? lastStatus : failureStatus(failure);
    return { status, interrupted };
}
function messageOf(error) {
    if (error instanceof ActionError)
        return error.message;
    if (error instanceof Error)
        return `${error.name}: ${error.message}`;
    return String(error);
}
async function writeSummarySafely(core, write) {
    try {
        await write();
    }
    catch (error) {
        // A missing GITHUB_STEP_SUMMARY (local runs) must not turn a good backup into a failure.
        core.debug(`Job summary not written: ${messageOf(error)}`);
    }
}
/**
 * The end of any run, success or not: every output known, the job summary, and for a timeout
 * or cancellation how to follow the job that is still running; then the step's verdict.
 */
async function reportRunEnd(core, end) {
    const { status, interrupted } = interruptedOrFinalStatus(end.lastStatus, end.failure);
    const durationMs = Date.now() - end.startedAt;
    writeOutputs(core.setOutput, end.outputs(status, durationMs));
    const error = end.failure === undefined ? undefined : messageOf(end.failure);
    await writeSummarySafely(core, async () => end.summary({ status, durationMs, error, run: await workflowRunLink() }).write());
    if (end.failure === undefined) {
        core.info(end.done(durationMs));
        return;
    }
    const followUp = interrupted ? end.stillRunning() : undefined;
    if (followUp)
        core.info(followUp);
    core.setFailed(error ?? '');
}

;// CONCATENATED MODULE: ./src/report/summary.ts

function cell(text) {
    return text.replace(/[<>&|]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '|': '&#124;' })[c] ?? c);
}
function addBackupSummary(summary, data) {
    const ok = !data.error;
    summary.addHeading(`${ok ? '✅' : '❌'} Zilliz Cloud backup: ${cell(data.status || 'not started')}`, 2);
    const scope = data.records.length
        ? data.records.map((r) => (r.database === undefined ? 'whole cluster' : `${r.database}: ${r.collections.join(', ')}`)).join('; ')
        : '';
    summary.addList([
        `Cluster: <code>${cell(data.clusterId)}</code>`,
        `Backup type: ${cell(data.backupType)}${scope ? ` (${cell(scope)})` : ''}`,
        `Time taken: ${formatDuration(data.durationMs)}`,
        ...(data.run ? [`Workflow run: <a href="${cell(data.run.url)}">${cell(data.run.label)}</a>`] : []),
    ]);
    if (data.error)
        summary.addRaw(`<p><strong>Error:</strong> ${cell(data.error)}</p>`, true);
    if (data.records.length) {
        summary.addTable([
            [
                { data: 'Database', header: true },
                { data: 'Collections', header: true },
                { data: 'Backup ID', header: true },
                { data: 'Name', header: true },
                { data: 'Job', header: true },
                { data: 'Status', header: true },
                { data: 'Size', header: true },
            ],
            ...data.records.map((r) => [
                cell(r.database ?? '(cluster)'),
                cell(r.collections.join(', ') || 'all'),
                `<code>${cell(r.backupId)}</code>`,
                cell(r.backupName),
                r.jobId
                    ? `<code>${cell(r.jobId)}</code>`
                    : r.reused
                        ? `none: reused, made ${formatDuration(r.reused.ageMs)} ago (${cell(r.reused.createTime)})`
                        : 'unknown',
                cell(r.status),
                r.size === undefined ? '' : formatBytes(r.size),
            ]),
        ]);
        summary.addHeading('How to restore', 3);
        summary.addRaw(`<p>In the Zilliz Cloud console: cluster <code>${cell(data.clusterId)}</code> → <em>Backups</em> → the backup → <em>Restore</em>. ` +
            'Or with the <code>restore</code> sub-action of this action, or the API:</p>', true);
        const first = data.records[0];
        if (first) {
            const body = first.database === undefined
                ? `{"projectId":"<project>","clusterName":"<new-cluster>","cuSize":1,"collectionStatus":"KEEP"}`
                : `{"destClusterId":"${data.clusterId}","dbCollections":[{"dbName":"${first.database}","destDbName":"${first.database}","collections":[{"collectionName":"${first.collections[0] ?? '<collection>'}","destCollectionName":"${first.collections[0] ?? '<collection>'}_restored","destCollectionStatus":"LOADED"}]}]}`;
            const op = first.database === undefined ? 'restoreCluster' : 'restoreCollection';
            summary.addCodeBlock(`curl -X POST "${data.baseUrl}/v2/clusters/${data.clusterId}/backups/${first.backupId}/${op}" \\\n` +
                `  -H "Authorization: Bearer $ZILLIZ_API_KEY" -H "Content-Type: application/json" \\\n  -d '${body}'`, 'sh');
        }
    }
    return summary;
}

;// CONCATENATED MODULE: ./src/report/restore.ts



function restoreOutputs(records, status, durationMs) {
    return {
        'job-id': records.map((r) => r.jobId).join(' '),
        restored: JSON.stringify(records),
        status,
        duration: String(Math.round(durationMs / 1000)),
    };
}
function addRestoreSummary(summary, data) {
    summary.addHeading(`${data.error ? '❌' : '✅'} Zilliz Cloud restore: ${cell(data.status || 'not started')}`, 2);
    summary.addList([
        `Backup: <code>${cell(data.backupId)}</code> of cluster <code>${cell(data.clusterId)}</code>`,
        `Time taken: ${format_formatDuration(data.durationMs)}`,
        ...(data.run ? [`Workflow run: <a href="${cell(data.run.url)}">${cell(data.run.label)}</a>`] : []),
    ]);
    if (data.error)
        summary.addRaw(`<p><strong>Error:</strong> ${cell(data.error)}</p>`, true);
    if (data.records.length) {
        summary.addTable([
            ['Source', 'Destination cluster', 'Destination', 'Job', 'Status'].map((h) => ({ data: h, header: true })),
            ...data.records.map((r) => [
                cell(`${r.source.database}.${r.source.collection}`),
                `<code>${cell(r.destination.clusterId)}</code>`,
                cell(`${r.destination.database}.${r.destination.collection}`),
                `<code>${cell(r.jobId)}</code>`,
                cell(r.status),
            ]),
        ]);
    }
    return summary;
}
/** The end of a restore run (see reportRunEnd). */
async function finishRestoreRun(core, request, records, failure, startedAt) {
    const last = records.at(-1);
    await reportRunEnd(core, {
        failure,
        lastStatus: last?.status,
        startedAt,
        outputs: (status, durationMs) => restoreOutputs(records, status, durationMs),
        summary: (fields) => addRestoreSummary(core.summary, { clusterId: request.clusterId, backupId: request.backupId, records, ...fields }),
        done: (durationMs) => `Done: ${records.map((r) => `${r.destination.database}.${r.destination.collection} ${r.status}`).join(', ')} in ${Math.round(durationMs / 1000)} s.`,
        stillRunning: () => last
            ? `Restore job ${last.jobId} is still running in Zilliz Cloud; it was not cancelled. Check it with GET ${request.baseUrl.href.replace(/\/$/, '')}/v2/jobs/${last.jobId}.`
            : undefined,
    });
}

;// CONCATENATED MODULE: ./src/workflows/status.ts
/** "In Progress", "in_progress" and "IN-PROGRESS" all read IN_PROGRESS. */
function status_normalizeStatus(status) {
    return status
        .trim()
        .toUpperCase()
        .replace(/[\s-]+/g, '_');
}
const JOB_PHASES = {
    PENDING: 'running',
    IN_PROGRESS: 'running',
    CANCELING: 'running',
    CANCELLING: 'running',
    SUCCESSFUL: 'succeeded',
    FAILED: 'failed',
    CANCELED: 'failed',
    CANCELLED: 'failed',
};
const BACKUP_PHASES = {
    CREATING: 'running',
    AVAILABLE: 'succeeded',
    DELETED: 'failed',
};
function jobPhase(status) {
    return JOB_PHASES[status_normalizeStatus(status)] ?? 'unknown';
}
function status_backupPhase(status) {
    return BACKUP_PHASES[status_normalizeStatus(status)] ?? 'unknown';
}

;// CONCATENATED MODULE: ./src/runtime.ts

function throwIfCancelled(signal) {
    if (signal?.aborted)
        throw new CancelledError('The step was cancelled.');
}
/** setTimeout as a promise that rejects with CancelledError when the signal aborts. */
const realSleep = (ms, signal) => new Promise((resolve, reject) => {
    if (signal?.aborted)
        return reject(new CancelledError('The step was cancelled.'));
    const onAbort = () => {
        clearTimeout(timer);
        reject(new CancelledError('The step was cancelled.'));
    };
    const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
});

;// CONCATENATED MODULE: ./src/zilliz/hints.ts
/** Hints for the codes Zilliz documents. Added after the API's own message, never instead of it. */
const HINTS = new Map([
    [21119, 'The API key is wrong or revoked. Create an API key in the Zilliz Cloud console (API Keys) and store it in the secret passed as api-key.'],
    [96005, 'The project ID is not valid for this API key.'],
    [96018, "No cluster with this ID is visible to the API key. Check cluster-id and that the key belongs to the cluster's organization and project."],
    [96021, 'Backups are not available on Free clusters; they need a Dedicated cluster.'],
    [96022, 'Backups are not available on Serverless clusters; they need a Dedicated cluster.'],
    [96025, 'The cluster ID is empty; set cluster-id.'],
    [96026, "No job with this ID exists. Check job-id (it comes from the backup step's job-id output)."],
    [96028, 'This feature needs the Enterprise plan.'],
    [96036, 'The cluster ID is malformed; copy it from the console (e.g. in01-0123456789abcde).'],
    [
        96038,
        'The cluster refused to start the backup. Another backup job may be running (if-busy: wait waits for it), or a database or collection may not exist.',
    ],
    [96039, 'The collection restore was refused; the reason is in the message.'],
]);
const ROLE_HINT = "The API key lacks permission: it needs the Organization Owner or Project Admin role, or a custom role with backup privileges, in the cluster's organization and project.";
for (const code of [96012, 96013, 96014, 96015, 96016, 96027])
    HINTS.set(code, ROLE_HINT);
function hintFor(code) {
    return HINTS.get(code);
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __nccwpck_require__(7067);
;// CONCATENATED MODULE: external "node:https"
const external_node_https_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");
;// CONCATENATED MODULE: ./src/zilliz/transport.ts


/**
 * One request over node:http(s), in fetch's shape, for runs without a proxy. The first fetch()
 * of a process initialises the undici inside Node, about 50 ms at start-up; this does not. It
 * never follows a redirect (fetch's `redirect: 'manual'`), and resolves once the whole body is in.
 */
const nodeRequest = (url, { method, headers, body, signal }) => new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? external_node_https_namespaceObject.request : external_node_http_.request;
    // fetch asks for and decodes gzip; this asks for the body as it is, so it can read it.
    const request = send(url, { method, headers: { ...headers, 'accept-encoding': 'identity' }, signal }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('error', reject);
        // Like fetch's text(): UTF-8, a leading byte-order mark dropped. An answer cut short ends in
        // 'error' (ECONNRESET), not 'end'.
        response.on('end', () => resolve(answer(response, new TextDecoder().decode(Buffer.concat(chunks)))));
    });
    request.on('error', reject);
    request.end(body);
});
function answer(response, text) {
    return {
        status: response.statusCode ?? 0,
        headers: {
            get(name) {
                const value = response.headers[name.toLowerCase()];
                return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
            },
        },
        text: () => Promise.resolve(text),
    };
}

;// CONCATENATED MODULE: ./src/zilliz/http.ts




const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];
const DEFAULTS = { requestTimeoutMs: 30_000, maxAttempts: 6, backoffBaseMs: 500, backoffCapMs: 20_000 };
const SUCCESS_CODES = new Set([0, 200]);
/** One HTTP client for every call: envelope, errors, retries, and the key kept on its host. */
class ZillizHttp {
    baseUrl;
    #config;
    #dispatcher;
    #send;
    #runtime;
    // Declared before firstExchange, whose initialiser replaces it with the promise's resolve.
    #settleFirstExchange = () => undefined;
    /**
     * Settles once the first request has had its answer or has failed (or on close): what is
     * not needed for it, such as loading @actions/core, can wait until then.
     */
    firstExchange = new Promise((resolve) => (this.#settleFirstExchange = resolve));
    constructor(config, runtime) {
        this.baseUrl = config.baseUrl;
        this.#config = { ...DEFAULTS, ...config };
        this.#dispatcher = config.dispatcher;
        this.#runtime = runtime;
    }
    get deadline() {
        return this.#config.deadline;
    }
    async close() {
        this.#settleFirstExchange();
        await this.#dispatcher?.destroy().catch(() => undefined);
    }
    /** Sends the call, retrying what may be retried, and returns the envelope's `data`. */
    async call(call) {
        const { maxAttempts, backoffBaseMs, backoffCapMs } = this.#config;
        for (let attempt = 1;; attempt++) {
            try {
                return await this.#once(call).finally(this.#settleFirstExchange);
            }
            catch (error) {
                if (!isRetryable(error, call.retry) || attempt >= maxAttempts)
                    throw error;
                const backoff = this.#runtime.random() * Math.min(backoffCapMs, backoffBaseMs * 2 ** (attempt - 1));
                const delay = Math.max(backoff, retryAfterOf(error) ?? 0);
                if (this.#runtime.now() + delay >= this.#config.deadline)
                    throw error;
                this.#runtime.logger.debug(`${call.name}: ${error.message}; retry ${attempt} of ${maxAttempts - 1} in ${Math.round(delay)} ms`);
                await this.#runtime.sleep(delay, this.#runtime.signal);
            }
        }
    }
    #url(call) {
        const url = new URL(this.baseUrl.href);
        url.pathname = `${this.baseUrl.pathname.replace(/\/+$/, '')}${call.path}`;
        for (const [key, value] of Object.entries(call.query ?? {})) {
            if (value !== undefined)
                url.searchParams.set(key, String(value));
        }
        // The key goes to the configured host only: paths are ours, never taken from a response.
        if (url.host !== this.baseUrl.host || url.protocol !== this.baseUrl.protocol) {
            throw new ActionError(`Refusing to send the API key to ${url.origin}: requests go to the base-url host only.`);
        }
        return url;
    }
    /**
     * undici's fetch (with EnvHttpProxyAgent, which honours HTTP(S)_PROXY and NO_PROXY on
     * self-hosted runners) when a proxy is configured or a dispatcher was given; otherwise plain
     * node:http(s), so start-up pays neither for loading undici (about 1.5 MB) nor for the first
     * fetch() on the common path.
     */
    async #transport() {
        if (this.#send)
            return this.#send;
        if (this.#dispatcher || PROXY_VARIABLES.some((name) => process.env[name])) {
            const undici = await __nccwpck_require__.e(/* import() */ 752).then(__nccwpck_require__.t.bind(__nccwpck_require__, 6752, 19));
            this.#dispatcher ??= new undici.EnvHttpProxyAgent();
            this.#send = undici.fetch;
        }
        else {
            this.#send = nodeRequest;
        }
        return this.#send;
    }
    async #once(call) {
        const runtime = this.#runtime;
        const send = await this.#transport();
        const endpoint = `${call.method} ${call.path}`;
        const reserveMs = call.reserveMs ?? 0;
        const remaining = this.#config.deadline - reserveMs - runtime.now();
        throwIfCancelled(runtime.signal);
        if (remaining <= 0)
            throw new DeadlineError(`The timeout ran out before ${call.name} could be sent.`);
        const timeoutMs = Math.min(this.#config.requestTimeoutMs, remaining);
        const timeout = AbortSignal.timeout(timeoutMs);
        const headers = {
            authorization: `Bearer ${this.#config.apiKey}`,
            accept: 'application/json',
            'user-agent': this.#config.userAgent,
        };
        if (call.body !== undefined)
            headers['content-type'] = 'application/json';
        let response;
        let text;
        try {
            response = await send(this.#url(call), {
                method: call.method,
                headers,
                body: call.body === undefined ? undefined : JSON.stringify(call.body),
                redirect: 'manual',
                ...(this.#dispatcher ? { dispatcher: this.#dispatcher } : {}),
                signal: AbortSignal.any([runtime.signal, timeout]),
            });
            text = await response.text();
        }
        catch (error) {
            if (runtime.signal.aborted)
                throw new CancelledError(`The step was cancelled while ${call.name} waited for its answer.`, true);
            if (timeout.aborted) {
                if (timeoutMs < this.#config.requestTimeoutMs && reserveMs === 0) {
                    throw new DeadlineError(`The timeout ran out waiting for ${call.name} to answer.`, true);
                }
                throw new TransportError(endpoint, `no answer within ${(timeoutMs / 1000).toFixed(1)} s`, true);
            }
            const code = errorCode(error);
            return throwTransport(endpoint, code, error, (text) => this.redact(text));
        }
        const requestId = response.headers.get('requestid') ?? response.headers.get('x-request-id') ?? undefined;
        if (response.status >= 300 && response.status < 400) {
            throw new HttpStatusError(response.status, endpoint, `redirect to ${response.headers.get('location') ?? '(no location)'} refused; the API key is never sent across a redirect. Check base-url.`);
        }
        const envelope = parseJson(text);
        if (isEnvelope(envelope) && !SUCCESS_CODES.has(envelope.code)) {
            throw new ApiError({
                code: envelope.code,
                apiMessage: typeof envelope.message === 'string' ? this.redact(envelope.message) : '(no message)',
                httpStatus: response.status,
                requestId,
                endpoint,
                hint: hintFor(envelope.code),
                retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), runtime.now()),
            });
        }
        if (response.status < 200 || response.status >= 300) {
            const snippet = this.redact(text.replace(/\s+/g, ' ').trim().slice(0, 200));
            throw new HttpStatusError(response.status, endpoint, snippet || '(empty body)', parseRetryAfter(response.headers.get('retry-after'), runtime.now()));
        }
        if (envelope === undefined) {
            throw new UnexpectedResponseError(endpoint, `the body is not JSON: ${this.redact(text.slice(0, 120)) || '(empty body)'}`);
        }
        if (!isEnvelope(envelope)) {
            throw new UnexpectedResponseError(endpoint, 'the body has no numeric "code" field');
        }
        return envelope.data;
    }
    /** Error texts may echo request headers; the key never leaves in a message. */
    redact(text) {
        return text.split(this.#config.apiKey).join('***');
    }
}
function parseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
function isEnvelope(value) {
    return typeof value === 'object' && value !== null && typeof value.code === 'number';
}
/** Codes that mean the connection was never made, so nothing reached the server. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
function errorCode(error) {
    for (let e = error; e; e = e.cause) {
        const code = e.code;
        if (typeof code === 'string')
            return code;
        const inner = e.errors;
        if (Array.isArray(inner) && inner.length)
            return errorCode(inner[0]);
    }
    return undefined;
}
/** A transport failure; its text may quote a request header, so it is redacted too. */
function throwTransport(endpoint, code, error, redact) {
    const cause = error.cause?.message;
    const detail = redact([code, cause ?? error.message].filter(Boolean).join(' '));
    throw new TransportError(endpoint, detail || 'connection failed', !NOT_SENT.has(code ?? ''));
}
/** A failure that may pass: worth another look later (reads only). */
function isTransient(error) {
    return isRetryable(error, 'read');
}
function isRetryable(error, mode) {
    if (error instanceof TransportError)
        return mode === 'read' || !error.sent;
    const status = error instanceof HttpStatusError || error instanceof ApiError ? error.httpStatus : undefined;
    if (status === undefined)
        return false;
    if (status === 429)
        return true; // rejected by the rate limiter: nothing was done
    return mode === 'read' && status >= 500;
}
function retryAfterOf(error) {
    return error instanceof ApiError || error instanceof HttpStatusError ? error.retryAfterMs : undefined;
}
/** `Retry-After` in seconds or as an HTTP date. */
function parseRetryAfter(header, now) {
    if (!header)
        return undefined;
    if (/^\d+(\.\d+)?$/.test(header.trim()))
        return Number(header) * 1000;
    const at = Date.parse(header);
    return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

;// CONCATENATED MODULE: ./src/workflows/polling.ts
/**
 * When to look again. Pure: takes the time waited so far and a random number, returns a delay.
 *
 * The bound that matters is detection delay: a job that ends at T must be noticed within
 * max(5 s, T/10) and never more than 60 s later. Polling at intervals of at most that bound,
 * measured from the time already waited, guarantees it, and growing the interval with the
 * wait keeps long jobs cheap (a 1-hour job costs under 100 requests instead of 720).
 */
const POLICY = {
    /** Floor: the first looks come quickly, so short jobs end fast. */
    minMs: 1000,
    /** Early on the interval grows with the time waited (1 s, 1 s, 1.3 s, 2.2 s, 3.7 s, 5 s). */
    rampFraction: 0.67,
    /** Between the ramp and the proportional part the interval stays at the 5 s allowance. */
    plateauMs: 5000,
    /** Later, a tenth of the time waited: the detection target itself. */
    proportionalFraction: 0.1,
    maxMs: 60_000,
    /** Jitter only shortens the interval, so it never breaks the detection bound. */
    jitter: 0.05,
};
function basePollDelay(elapsedMs) {
    const { minMs, rampFraction, plateauMs, proportionalFraction, maxMs } = POLICY;
    const ramp = Math.min(plateauMs, Math.max(minMs, rampFraction * elapsedMs));
    return Math.min(maxMs, Math.max(ramp, proportionalFraction * elapsedMs));
}
/** The delay before the next status check; a fixed `poll-interval` overrides the policy. */
function nextPollDelay(elapsedMs, random, fixedIntervalMs) {
    if (fixedIntervalMs !== undefined)
        return fixedIntervalMs;
    return basePollDelay(elapsedMs) * (1 - POLICY.jitter * random());
}

;// CONCATENATED MODULE: ./src/workflows/waiting.ts





/**
 * The one poll loop: look, and while running, sleep as the policy says, never past the
 * deadline. `onObserve` sees every look (the callers keep the last status for the outputs).
 */
async function pollUntilDone(what, look, options, runtime, onObserve) {
    const started = runtime.now();
    let lastSummary = '';
    for (;;) {
        let observation;
        try {
            observation = await look();
        }
        catch (error) {
            // A look the client refused for want of time ends in the timeout below, which names what is waited for.
            if (!(error instanceof DeadlineError)) {
                // The client already retried; an outage longer than that costs a look, not the run.
                if (!isTransient(error) || runtime.now() >= options.deadline)
                    throw error;
                runtime.logger.warning(`${what}: status check failed (${error.message}); looking again.`);
            }
        }
        if (observation) {
            onObserve(observation.value);
            if (observation.summary !== lastSummary) {
                runtime.logger.info(`${what}: ${observation.summary} (${format_formatDuration(runtime.now() - started)})`);
                lastSummary = observation.summary;
            }
            if (observation.phase !== 'running')
                return observation;
        }
        const now = runtime.now();
        if (now >= options.deadline) {
            throw new DeadlineError(`Timed out (the timeout input ran out): ${what} is still ${lastSummary || 'not answering'} after ${format_formatDuration(now - started)} of waiting. Raise timeout, or wait for it later with the wait sub-action.`);
        }
        const delay = Math.min(nextPollDelay(now - started, runtime.random, options.pollIntervalMs), options.deadline - now);
        await runtime.sleep(delay, runtime.signal);
    }
}
/** Polls the job until it ends; resolves on SUCCESSFUL, throws on FAILED/CANCELED/unknown. */
async function waitForJob(api, jobId, options, runtime, onObserve = () => { }) {
    const result = await pollUntilDone(`Job ${jobId}`, async () => {
        const job = await api.describeJob(jobId);
        const status = status_normalizeStatus(job.status);
        const progress = job.progress !== undefined && jobPhase(status) === 'running' ? ` ${job.progress}%` : '';
        return { value: job, phase: jobPhase(status), summary: `${status}${progress}` };
    }, options, runtime, onObserve);
    const job = result.value;
    if (result.phase === 'failed')
        throw new JobFailedError(job.jobId, status_normalizeStatus(job.status), job.reason);
    if (result.phase === 'unknown')
        throw new errors_UnknownStatusError(`Job ${jobId}`, job.status);
    return job;
}
/** After the job succeeded: polls the backup until AVAILABLE, the only state worth gating on. */
async function waitForBackup(api, clusterId, backupId, options, runtime, onObserve = () => { }) {
    const result = await pollUntilDone(`Backup ${backupId}`, async () => {
        const backup = await api.describeBackup(clusterId, backupId);
        return { value: backup, phase: backupPhase(backup.status), summary: normalizeStatus(backup.status) };
    }, options, runtime, onObserve);
    if (result.phase === 'failed') {
        throw new BackupGoneError(`Backup ${backupId} is ${normalizeStatus(result.value.status)} instead of becoming AVAILABLE; it cannot be restored from.`);
    }
    if (result.phase === 'unknown')
        throw new UnknownStatusError(`Backup ${backupId}`, result.value.status);
    return result.value;
}
/** Waits until no backup of the cluster is CREATING (for if-busy: wait). */
async function waitUntilIdle(api, clusterId, options, runtime) {
    await pollUntilDone(`Cluster ${clusterId}`, async () => {
        const running = await creatingBackups(api, clusterId);
        const summary = running.length ? `busy with ${running.map(describeRunning).join(', ')}` : 'no backup running';
        return { value: running, phase: running.length ? 'running' : 'succeeded', summary };
    }, options, runtime, () => { });
}
async function creatingBackups(api, clusterId) {
    const backups = await api.listBackups({ clusterId });
    return backups.filter((backup) => backupPhase(backup.status) === 'running');
}
function describeRunning(backup) {
    const name = backup.backupName ? ` (${backup.backupName})` : '';
    const method = backup.creationMethod ? `, ${backup.creationMethod.toLowerCase()}` : '';
    return `${backup.backupId}${name}${method}`;
}

;// CONCATENATED MODULE: ./src/workflows/restore.ts



/**
 * Restores collections from a backup into an existing cluster. The API restores one collection
 * per request, so they go one after another, each job waited for before the next (with
 * wait: false, all but the last).
 */
async function runRestores(request, deps, records = []) {
    const { api, runtime } = deps;
    const backup = await api.describeBackup(request.clusterId, request.backupId);
    if (status_backupPhase(backup.status) !== 'succeeded') {
        throw new errors_InputError('backup-id', `backup ${request.backupId} is ${status_normalizeStatus(backup.status)}, not AVAILABLE; wait for it first (the wait sub-action) and restore then.`);
    }
    const held = new Set(backup.collections.map((c) => `${c.database}.${c.collection}`));
    const sources = request.collections.length ? request.collections : backup.collections.map((c) => ({ database: c.database, collection: c.collection }));
    const missing = sources.filter((c) => !held.has(`${c.database}.${c.collection}`));
    if (missing.length) {
        throw new errors_InputError('collections', `backup ${request.backupId} does not hold ${missing.map((c) => `${c.database}.${c.collection}`).join(', ')}; it holds ${[...held].join(', ') || 'no collections'}.`);
    }
    if (!sources.length)
        throw new errors_InputError('backup-id', `backup ${request.backupId} holds no collections to restore.`);
    const destinationOf = (source) => ({
        database: request.targetDatabase ?? source.database,
        collection: `${source.collection}${request.nameSuffix}`,
    });
    const seen = new Map();
    for (const source of sources) {
        const destination = destinationOf(source);
        const key = `${destination.database}.${destination.collection}`;
        const earlier = seen.get(key);
        if (earlier) {
            throw new errors_InputError('target-database', `${earlier.database}.${earlier.collection} and ${source.database}.${source.collection} would both be restored as ${key}; restore them in separate steps, each with its own name-suffix or target-database.`);
        }
        seen.set(key, source);
    }
    runtime.logger.info(`Restoring ${sources.length} collection(s) from ${request.backupId} into cluster ${request.targetClusterId}, one at a time (the API restores one collection per request).`);
    const options = { deadline: deps.deadline, pollIntervalMs: request.pollIntervalMs };
    for (const [index, source] of sources.entries()) {
        const destination = { clusterId: request.targetClusterId, ...destinationOf(source) };
        runtime.logger.startGroup(`Restore ${index + 1} of ${sources.length}: ${source.database}.${source.collection} → ${destination.clusterId} ${destination.database}.${destination.collection}`);
        try {
            const { jobId } = await api.restoreCollection(request.clusterId, request.backupId, {
                destClusterId: destination.clusterId,
                dbCollections: [
                    {
                        dbName: source.database,
                        destDbName: destination.database,
                        collections: [
                            { collectionName: source.collection, destCollectionName: destination.collection, destCollectionStatus: request.load ? 'LOADED' : 'RELEASED' },
                        ],
                    },
                ],
            });
            const record = { source, destination, jobId, status: 'SUBMITTED' };
            records.push(record);
            deps.onRecords(records);
            runtime.logger.info(`Restore job ${jobId} started.`);
            if (request.wait || index < sources.length - 1) {
                await waitForJob(api, jobId, options, runtime, (job) => {
                    record.status = status_normalizeStatus(job.status);
                });
                deps.onRecords(records);
            }
            else {
                runtime.logger.info(`wait is false: not waiting for restore job ${jobId}.`);
            }
        }
        finally {
            runtime.logger.endGroup();
        }
    }
    return records;
}

;// CONCATENATED MODULE: ./src/report/toolkit.ts
/**
 * @actions/core, from a chunk of its own. Evaluating it costs tens of milliseconds (it brings
 * an HTTP stack for OIDC that these actions never call), so the entries load it once the first
 * request has had its answer, while the job already runs in Zilliz Cloud.
 */
async function loadToolkit() {
    return __nccwpck_require__.e(/* import() */ 421).then(__nccwpck_require__.bind(__nccwpck_require__, 6421));
}
/**
 * The step's log and outputs until @actions/core is loaded: every call waits in order, and
 * goes out on `attach`, right after the API key is masked. From then on calls go straight
 * through.
 */
class PendingToolkit {
    #core;
    #waiting = [];
    /** Masks `secret` (when given) before anything waiting is written, then writes it all. */
    attach(core, secret) {
        if (this.#core)
            return this.#core;
        if (secret)
            core.setSecret(secret);
        this.#core = core;
        for (const command of this.#waiting.splice(0))
            command(core);
        return core;
    }
    #send(command) {
        if (this.#core)
            command(this.#core);
        else
            this.#waiting.push(command);
    }
    info(message) {
        this.#send((core) => core.info(message));
    }
    debug(message) {
        this.#send((core) => core.debug(message));
    }
    warning(message) {
        this.#send((core) => core.warning(message));
    }
    startGroup(name) {
        this.#send((core) => core.startGroup(name));
    }
    endGroup() {
        this.#send((core) => core.endGroup());
    }
    setOutput(name, value) {
        this.#send((core) => core.setOutput(name, value));
    }
}

;// CONCATENATED MODULE: ./src/version.ts
/** Kept equal to package.json's version by a test; sent in the User-Agent. */
const ACTION_NAME = 'zilliz-backup-action';
const VERSION = '1.0.0';
const USER_AGENT = `${ACTION_NAME}/${VERSION} (+https://github.com/features/actions)`;

;// CONCATENATED MODULE: ./src/zilliz/shape.ts

function object(value, endpoint, what = 'data') {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new UnexpectedResponseError(endpoint, `"${what}" is not an object`);
    }
    return value;
}
function string(obj, key, endpoint) {
    const value = obj[key];
    if (typeof value !== 'string' || value === '')
        throw new UnexpectedResponseError(endpoint, `"${key}" is missing or not a string`);
    return value;
}
/** Optional string: absent and null read as ''. */
function optionalString(obj, key, endpoint) {
    const value = obj[key];
    if (value === undefined || value === null)
        return '';
    if (typeof value === 'number')
        return String(value);
    if (typeof value !== 'string')
        throw new UnexpectedResponseError(endpoint, `"${key}" is not a string`);
    return value;
}
/** Optional number that may come as a numeric string ("40", "40%", "1024"). */
function optionalNumber(obj, key, endpoint) {
    const value = obj[key];
    if (value === undefined || value === null || value === '')
        return undefined;
    if (typeof value === 'number' && Number.isFinite(value))
        return value;
    if (typeof value === 'string') {
        const parsed = Number.parseFloat(value.replace('%', ''));
        if (Number.isFinite(parsed))
            return parsed;
    }
    throw new UnexpectedResponseError(endpoint, `"${key}" is not a number: ${JSON.stringify(value).slice(0, 40)}`);
}
function array(obj, key, endpoint) {
    const value = obj[key];
    if (value === undefined || value === null)
        return [];
    if (!Array.isArray(value))
        throw new UnexpectedResponseError(endpoint, `"${key}" is not an array`);
    return value;
}

;// CONCATENATED MODULE: ./src/zilliz/api.ts

const PAGE_SIZE = 100;
/** The endpoints this project uses, each response parsed into a typed value. */
class ZillizApi {
    http;
    constructor(http) {
        this.http = http;
    }
    /** `reserveMs`: see ApiCall; keeps time to look for the backup if the answer is lost. */
    async createBackup(clusterId, body, reserveMs = 0) {
        const path = `/v2/clusters/${encodeURIComponent(clusterId)}/backups/create`;
        const data = object(await this.http.call({ name: 'create backup', method: 'POST', path, body, retry: 'create', reserveMs }), `POST ${path}`);
        const endpoint = `POST ${path}`;
        return { backupId: string(data, 'backupId', endpoint), backupName: optionalString(data, 'backupName', endpoint), jobId: string(data, 'jobId', endpoint) };
    }
    async describeJob(jobId) {
        const path = `/v2/jobs/${encodeURIComponent(jobId)}`;
        const endpoint = `GET ${path}`;
        const data = object(await this.http.call({ name: 'describe job', method: 'GET', path, retry: 'read' }), endpoint);
        return {
            jobId: optionalString(data, 'jobId', endpoint) || jobId,
            type: optionalString(data, 'type', endpoint),
            status: string(data, 'status', endpoint),
            progress: optionalNumber(data, 'progress', endpoint),
            startTime: optionalString(data, 'startTime', endpoint),
            endTime: optionalString(data, 'endTime', endpoint),
            reason: optionalString(data, 'reason', endpoint),
        };
    }
    async describeBackup(clusterId, backupId) {
        const path = `/v2/clusters/${encodeURIComponent(clusterId)}/backups/${encodeURIComponent(backupId)}`;
        const endpoint = `GET ${path}`;
        const data = object(await this.http.call({ name: 'describe backup', method: 'GET', path, retry: 'read' }), endpoint);
        return { ...parseBackup(data, endpoint, clusterId), collections: api_parseCollections(data, endpoint) };
    }
    /** Every CREATING or AVAILABLE backup of the cluster, paging until a short page. */
    async listBackups(query) {
        const path = '/v2/backups';
        const endpoint = `GET ${path}`;
        const backups = [];
        for (let page = 1;; page++) {
            const data = object(await this.http.call({ name: 'list backups', method: 'GET', path, retry: 'read', query: { ...query, pageSize: PAGE_SIZE, currentPage: page } }), endpoint);
            const items = array(data, 'backups', endpoint).map((item) => parseBackup(object(item, endpoint, 'backups[]'), endpoint, query.clusterId));
            backups.push(...items);
            // Whether `count` is the total is UNCONFIRMED: a short page is the only sure end.
            if (items.length < PAGE_SIZE)
                return backups;
        }
    }
    async restoreCollection(clusterId, backupId, body) {
        const path = `/v2/clusters/${encodeURIComponent(clusterId)}/backups/${encodeURIComponent(backupId)}/restoreCollection`;
        const endpoint = `POST ${path}`;
        const data = object(await this.http.call({ name: 'restore collection', method: 'POST', path, body, retry: 'create' }), endpoint);
        return { jobId: string(data, 'jobId', endpoint) };
    }
}
function parseBackup(data, endpoint, clusterId) {
    return {
        backupId: string(data, 'backupId', endpoint),
        backupName: optionalString(data, 'backupName', endpoint),
        backupType: optionalString(data, 'backupType', endpoint),
        creationMethod: optionalString(data, 'creationMethod', endpoint),
        status: string(data, 'status', endpoint),
        size: optionalNumber(data, 'size', endpoint),
        clusterId: optionalString(data, 'clusterId', endpoint) || clusterId,
        createTime: optionalString(data, 'createTime', endpoint),
        collections: [],
    };
}
/** The schema says `dbCollections`, the examples a flat `collections` array: accept either. */
function api_parseCollections(data, endpoint) {
    const result = [];
    for (const group of array(data, 'dbCollections', endpoint)) {
        const g = object(group, endpoint, 'dbCollections[]');
        const database = optionalString(g, 'dbName', endpoint) || 'default';
        for (const c of array(g, 'collections', endpoint)) {
            result.push({ database, collection: string(object(c, endpoint, 'collections[]'), 'collectionName', endpoint) });
        }
    }
    for (const c of array(data, 'collections', endpoint)) {
        const item = object(c, endpoint, 'collections[]');
        result.push({ database: optionalString(item, 'dbName', endpoint) || 'default', collection: string(item, 'collectionName', endpoint) });
    }
    return result;
}

;// CONCATENATED MODULE: ./src/entries/common.ts







/**
 * The runner cancels a step with SIGINT, then SIGTERM. Either aborts the run's signal, so
 * waiting stops at once and the step can still report what it knows; a backstop timer makes
 * sure the process is gone within 2 seconds even if something hangs.
 */
function cancellationSignal(logger) {
    const controller = new AbortController();
    const onSignal = (signal) => {
        if (!controller.signal.aborted)
            logger.warning(`Received ${signal}: stopping (the job in Zilliz Cloud is not cancelled).`);
        controller.abort();
        setTimeout(() => process.exit(process.exitCode ?? 1), 1800).unref();
    };
    // `on`, not `once`: a second signal during the wind-down must not fall back to the default
    // action, which would kill the process before the outputs are written.
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    return controller.signal;
}
/** At most this long after the first request is sent, the log and outputs start to be written. */
const LOG_HOLD_MAX_MS = 300;
/**
 * The shape every entry shares: read inputs (a bad one fails the step before any request),
 * do the work with a session bounded by `timeout` and the runner's cancellation, close the
 * session, then report success or failure with everything known.
 *
 * @actions/core is loaded once the first request has had its answer (or after 300 ms): the
 * request (a create, usually) goes out sooner, and loading overlaps with the job in Zilliz Cloud.
 * Until then the log and outputs wait in order; the key is masked before any of them is written.
 */
async function runStep(
// The key comes validated, before the other inputs are read.
readRequest, work, finish) {
    const startedAt = Date.now();
    const pending = new PendingToolkit();
    const signal = cancellationSignal(pending);
    const read = environmentInputs();
    const rawKey = read('api-key');
    let request;
    try {
        request = readRequest(read, readApiKey(read));
    }
    catch (error) {
        pending.attach(await loadToolkit(), rawKey).setFailed(messageOf(error));
        return;
    }
    const runtime = { now: Date.now, sleep: realSleep, random: Math.random, logger: pending, signal };
    const deadline = startedAt + request.timeoutMs;
    const http = new ZillizHttp({ baseUrl: request.baseUrl, apiKey: request.apiKey, userAgent: USER_AGENT, deadline }, runtime);
    const session = { runtime, api: new ZillizApi(http), deadline, setOutput: (name, value) => pending.setOutput(name, value) };
    let failure;
    const working = Promise.resolve()
        .then(() => work(request, session))
        .catch((error) => {
        failure = error;
    });
    // The request has long been sent when its answer is this late: the log need not wait for it.
    await Promise.race([http.firstExchange, working, new Promise((resolve) => setTimeout(resolve, LOG_HOLD_MAX_MS).unref())]);
    // The chunk ships with the bundle (test/bundle.test.ts); a failed load crashes the step.
    const core = pending.attach(await loadToolkit(), rawKey);
    await working;
    await http.close();
    await finish(core, request, failure, startedAt);
}

;// CONCATENATED MODULE: ./src/entries/restore.ts






/** The restore sub-action: restore collections from a backup into an existing cluster. */
async function run() {
    const records = [];
    // An empty name-suffix means "no suffix"; an absent one means the default.
    const isSet = (name) => inputVariable(name) in process.env;
    await runStep((read, apiKey) => readRestoreRequest(read, isSet, apiKey), (request, session) => {
        const onRecords = (current) => writeOutputs(session.setOutput, restoreOutputs(current, current.at(-1)?.status ?? '', 0));
        return runRestores(request, { ...session, onRecords }, records).then(() => undefined);
    }, (core, request, failure, startedAt) => finishRestoreRun(core, request, records, failure, startedAt));
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 99:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:sqlite");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 7830:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/web");

/***/ }),

/***/ 7997:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		id: moduleId,
/******/ 		loaded: false,
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Flag the module as loaded
/******/ 	module.loaded = true;
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/node module decorator */
/******/ (() => {
/******/ 	__nccwpck_require__.nmd = (module) => {
/******/ 		module.paths = [];
/******/ 		if (!module.children) module.children = [];
/******/ 		return module;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(2155);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
