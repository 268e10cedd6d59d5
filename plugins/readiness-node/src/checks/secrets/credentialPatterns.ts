/**
 * When a name and value look like a plaintext credential: the rule shared by the checks on
 * container env values and ConfigMap data.
 *
 * Names follow Polaris's `sensitiveContainerEnvVar` and `sensitiveConfigmapContent` patterns,
 * case-insensitively: exactly AWS_SECRET_ACCESS_KEY, GOOGLE_APPLICATION_CREDENTIALS or
 * OCI_CLI_KEY_CONTENT, AZURE_…KEY, or any name containing PASSWORD, TOKEN, BEARER or SECRET.
 *
 * Polaris flags every such name. Hatchway does not flag names and values that only point at a
 * credential or configure its handling, because those are what a well-behaved workload sets:
 * - the last word of the name (split at `_`, `-` and `.`, a file extension dropped) is one of
 *   {@link POINTER_WORDS}: `DB_PASSWORD_FILE`, `TOKEN_TTL`, `OAUTH_TOKEN_URL`, `SECRET_NAME`;
 * - the value is empty, a boolean, an absolute path (GOOGLE_APPLICATION_CREDENTIALS
 *   is by definition the path of a key file) or only `$(OTHER_VAR)` references, which the
 *   kubelet expands from other variables (usually themselves read from a Secret).
 * Whatever the name, a value holding a PEM private key (`-----BEGIN … PRIVATE KEY-----`) is a
 * credential, as in Polaris.
 */

const SENSITIVE_NAMES = [
  /^AWS_SECRET_ACCESS_KEY$/i,
  /^GOOGLE_APPLICATION_CREDENTIALS$/i,
  /^AZURE_.+KEY$/i,
  /^OCI_CLI_KEY_CONTENT$/i,
  /password/i,
  /token/i,
  /bearer/i,
  /secret/i,
];

/** Last words that make a name about a credential rather than the credential itself. */
export const POINTER_WORDS = new Set([
  'FILE',
  'FILES',
  'PATH',
  'DIR',
  'DIRECTORY',
  'MOUNT',
  'NAME',
  'NAMES',
  'REF',
  'KEYREF',
  'URL',
  'URI',
  'ENDPOINT',
  'HOST',
  'PORT',
  'NAMESPACE',
  'REGION',
  'HEADER',
  'TYPE',
  'ENABLED',
  'TTL',
  'TIMEOUT',
  'EXPIRY',
  'EXPIRATION',
  'LIFETIME',
  'DURATION',
  'INTERVAL',
  'LENGTH',
  'SIZE',
  'COUNT',
  'LIMIT',
  'MAX',
  'MIN',
  'RETRIES',
  'SECONDS',
  'MINUTES',
  'HOURS',
  'DAYS',
  'CONFIG',
  'SETTINGS',
  'POLICY',
]);

const PRIVATE_KEY = /-----BEGIN\s+[A-Z0-9 ]*PRIVATE KEY-----/i;
const NOT_A_SECRET = [
  /^\s*$/,
  /^(true|false|yes|no|on|off)$/i,
  /^\//, // an absolute path
  /^(\s*\$\([A-Za-z_][A-Za-z0-9_]*\)\s*)+$/, // $(OTHER_VAR) only
];

/** The words of a name: `client-secret.json` → CLIENT, SECRET (the extension dropped). */
function wordsOf(name: string): string[] {
  const stem = /\.(json|ya?ml|txt|conf|cfg|ini|properties|env)$/i.test(name)
    ? name.slice(0, name.lastIndexOf('.'))
    : name;
  return stem
    .split(/[_\-.]+/)
    .filter(Boolean)
    .map(word => word.toUpperCase());
}

/** Whether a name is one of Polaris's credential names and not merely about a credential. */
export function isCredentialName(name: string): boolean {
  if (!SENSITIVE_NAMES.some(pattern => pattern.test(name))) return false;
  const words = wordsOf(name);
  return !POINTER_WORDS.has(words[words.length - 1] ?? '');
}

/** Why a name and plaintext value look like a credential, or undefined when they do not. */
export function credentialReason(
  name: string,
  value: unknown,
): 'private key' | 'credential name' | undefined {
  if (typeof value !== 'string') return undefined;
  if (PRIVATE_KEY.test(value)) return 'private key';
  // The name first: most names are not credential names, and it is fewer patterns to try.
  if (!isCredentialName(name)) return undefined;
  if (NOT_A_SECRET.some(pattern => pattern.test(value))) return undefined;
  return 'credential name';
}
