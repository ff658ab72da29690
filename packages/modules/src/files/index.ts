/**
 * Cloud storage files for server code: the path convention and ownership check functions use before attaching a
 * file a caller uploaded (`isOwnUpload(fileId, caller.userKey)`), and the storage limits. Pure, from the domain;
 * this capability owns no collection (files live in cloud storage, uploaded by the clients themselves).
 */
export {
  FILE_ID_PREFIX,
  FILE_LIMITS,
  SEED_ROOT,
  STORAGE_ERROR_CODES,
  UPLOADS_ROOT,
  extensionOf,
  fileIdSchema,
  fileTypeOf,
  isFileId,
  isOwnUpload,
  isSeedFile,
  isValidCloudPath,
  newUploadPath,
  parseFileId,
  uploadPrefix,
  type FileKind,
} from '@daojia/domain';
