/** Kept equal to package.json's version by a test; sent in the User-Agent. */
export const ACTION_NAME = 'zilliz-backup-action';
export const VERSION = '1.0.0';
export const USER_AGENT = `${ACTION_NAME}/${VERSION} (+https://github.com/features/actions)`;
