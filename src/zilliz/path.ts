import { UnexpectedResponseError } from '../errors.ts';
import { isPlainId, PLAIN_ID_RULE } from '../ids.ts';
import { forLog } from '../text.ts';

/**
 * The one way to build an API path: literal parts and ids, each id checked to be a plain id and
 * encoded as one path segment, e.g. apiPath`/v2/clusters/${clusterId}/backups/${backupId}`.
 * Inputs are checked before any request (inputs/, InputError naming the input), so an id that
 * fails here came from an answer: an unexpected response, and no request is sent.
 */
export function apiPath(literals: TemplateStringsArray, ...ids: string[]): string {
  let path = literals[0] ?? '';
  ids.forEach((id, i) => {
    if (!isPlainId(id)) {
      const pattern = literals.join('{id}');
      throw new UnexpectedResponseError(pattern, `the id "${forLog(id, 80)}" is not a plain id (${PLAIN_ID_RULE}); no request was sent with it.`);
    }
    path += `${encodeURIComponent(id)}${literals[i + 1] ?? ''}`;
  });
  return path;
}
