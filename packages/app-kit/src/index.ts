/// <reference path="../types/taro-app.d.ts" />
// What both Taro apps use as is. Pure display helpers (labels, Shanghai time) are in @daojia/domain, so the admin
// web (not Taro) uses the same ones; this package is Taro-only.
export { createAppCloud, cloudEnv, isWeapp, LOGIN_PAGE, type AppCloudOptions } from './cloud';
export { EmptyState, PageError, PageToast, showError, showInfo, useBusy } from './feedback';
export { DevLogin, type DevLoginProps } from './dev-login';
export { CloudImage, chooseAndUploadImage, useFileUrl, type CloudImageProps, type ChooseImageOptions } from './files';
export { createFileUrlResolver, type FileUrlResolver } from './file-urls';
