import { FILES_API } from '@daojia/domain';
import { defineFunction, action } from '@daojia/function-kit';
import { uploadPrefix } from '@daojia/modules/files';

/** Cloud storage helpers for the apps: the caller's upload folder (the files themselves never pass through here). */
export const main = defineFunction('files', {
  me: action({
    ...FILES_API.me,
    permission: 'files.upload',
    handler: async (_input, { caller }) => ({ userKey: caller.userKey, uploadPrefix: uploadPrefix(caller.userKey) }),
  }),
});
