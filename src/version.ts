/** Kept equal to package.json's version by a test; sent in the User-Agent. */
export const ACTION_NAME = 'zilliz-backup-action';
export const VERSION = '1.0.0';
export const USER_AGENT = `${ACTION_NAME}/${VERSION} (+https://github.com/features/actions)`;
/** Where the action is published, as a `uses:` line names it. */
export const ACTION_REPOSITORY = 'zilliz-backup-action/zilliz-backup-action';
/** The major version tag a workflow pins (`@v1`). */
export const MAJOR_TAG = `v${VERSION.split('.')[0] ?? '1'}`;
