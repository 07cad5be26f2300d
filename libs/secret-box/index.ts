export { decrypt, encrypt, isSecretBoxToken, SecretBoxError } from './secret-box';
export type { SecretBoxErrorCode } from './secret-box';
