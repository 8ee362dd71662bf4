/** Hints for the codes Zilliz documents. Added after the API's own message, never instead of it. */
const HINTS: ReadonlyMap<number, string> = new Map([
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

const ROLE_HINT =
  "The API key lacks permission: it needs the Organization Owner or Project Admin role, or a custom role with backup privileges, in the cluster's organization and project.";
for (const code of [96012, 96013, 96014, 96015, 96016, 96027]) (HINTS as Map<number, string>).set(code, ROLE_HINT);

/** Hints about one operation, given only on its endpoint (`METHOD /path`). */
const ENDPOINT_OF: ReadonlyMap<number, RegExp> = new Map([
  [96026, /^GET \/v2\/jobs\//],
  [96038, /\/backups\/create$/],
  [96039, /\/restoreCollection$/],
]);

export type HintFor = (code: number, endpoint: string) => string | undefined;

export function hintFor(code: number, endpoint: string): string | undefined {
  const only = ENDPOINT_OF.get(code);
  if (only && !only.test(endpoint)) return undefined;
  return HINTS.get(code);
}

/** Codes of a cluster's data plane (Milvus REST v2); see zilliz/dataplane.ts. */
const DATA_PLANE_HINTS: ReadonlyMap<number, string> = new Map([
  [
    1800,
    "The cluster did not accept the API key. The key needs the Project Admin role in the cluster's project (restore and the cluster's data plane); Project Read-Write cannot restore, Read-Only cannot load or switch aliases.",
  ],
  [800, 'No database of that name on this cluster.'],
  [100, 'No collection (or alias) of that name in this database.'],
  [1600, 'No alias of that name in this database (aliases/alter never creates one).'],
  [1601, 'That name is a collection, not an alias.'],
  [1602, 'The alias already points at another collection (aliases/alter moves it).'],
]);

export function dataPlaneHintFor(code: number): string | undefined {
  return DATA_PLANE_HINTS.get(code);
}
