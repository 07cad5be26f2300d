export {
  compareObjectKeys,
  isValidObjectKey,
  MAX_OBJECT_KEY_BYTES,
  objectKeyPrefixProblem,
  objectKeyProblem,
} from './object-key';
