/**
 * Pictures from cloud storage in both apps. A document keeps a file id (`cloud://…`); WeChat's <Image> shows one
 * natively, the web resolves it to a URL through the cloud client (batched and cached, see file-urls.ts). Uploads go
 * to the caller's own folder (uploads/<userKey>/…), which is what the functions accept as "your upload".
 */
import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Image, View } from '@tarojs/components';
import { CloudCallError, type CloudClient } from '@daojia/cloud-client';
import { FILE_LIMITS, STORAGE_ERROR_CODES, extensionOf, newUploadPath } from '@daojia/domain';
import { createFileUrlResolver, isHttpUrl, type FileUrlResolver } from './file-urls';
import { shrinkForUpload } from './shrink';

const isWeapp = process.env.TARO_ENV === 'weapp';

let client: CloudClient | undefined;
let resolver: FileUrlResolver | undefined;

/** createAppCloud registers its client here, so pictures and uploads need no props to find the cloud. */
export function registerFileClient(cloud: CloudClient): void {
  client = cloud;
  resolver = createFileUrlResolver((ids) => cloud.fileUrls(ids));
}

const needClient = (): CloudClient => {
  if (!client) throw new Error('no cloud client registered: call createAppCloud() first');
  return client;
};

/**
 * The URL to show for a file id or http(s) URL: in WeChat the id itself (its <Image> loads cloud:// ids), on the
 * web the resolved download URL once known (undefined until then, or when the file is gone).
 */
export function useFileUrl(fileId: string | null | undefined): string | undefined {
  const direct = !fileId ? undefined : isWeapp || isHttpUrl(fileId) ? fileId : resolver?.peek(fileId);
  const [url, setUrl] = useState<string | undefined>(direct);
  useEffect(() => {
    if (!fileId || isWeapp || isHttpUrl(fileId) || !resolver) {
      setUrl(direct);
      return;
    }
    let live = true;
    setUrl(resolver.peek(fileId));
    resolver.resolve(fileId).then(
      (u) => live && setUrl(u),
      () => live && setUrl(undefined),
    );
    return () => {
      live = false;
    };
    // direct is derived from fileId
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fileId]);
  return url;
}

export interface CloudImageProps {
  /** A file id (cloud://…) or an http(s) URL; nothing shows the placeholder. */
  src?: string | null;
  mode?: 'scaleToFill' | 'aspectFit' | 'aspectFill' | 'widthFix' | 'heightFix';
  className?: string;
  style?: CSSProperties;
  lazyLoad?: boolean;
  /** What shows while there is no picture (none yet, loading on the web, or it failed to load). */
  placeholder?: ReactNode;
  onClick?: () => void;
}

/** A picture from cloud storage: `<CloudImage src={store.logo} className="logo" mode="aspectFill" />`. */
export function CloudImage({ src, mode = 'aspectFill', className, style, lazyLoad = true, placeholder, onClick }: CloudImageProps) {
  const url = useFileUrl(src);
  const [failed, setFailed] = useState(false);
  useEffect(() => setFailed(false), [url]);
  const cls = ['cloud-image', className].filter(Boolean).join(' ');
  if (!url || failed) {
    return (
      <View className={`${cls} cloud-image--empty`} style={style} onClick={onClick}>
        {placeholder}
      </View>
    );
  }
  // webp: WeChat's <Image> decodes WebP (the seed's pictures) only when asked to.
  return <Image className={cls} style={style} src={url} mode={mode} lazyLoad={lazyLoad} webp onClick={onClick} onError={() => setFailed(true)} />;
}

const refuse = (code: keyof typeof STORAGE_ERROR_CODES) => new CloudCallError(code, STORAGE_ERROR_CODES[code]);
const IMAGE_TYPES = FILE_LIMITS.image.types as Record<string, string>;
const EXT_OF_TYPE: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

export interface ChooseImageOptions {
  /** Groups the upload in the caller's folder: `products`, `logo`, `photos`, `licence`, `reviews`… */
  folder?: string;
  /** Offer the camera as well as the album (default both). */
  sourceType?: ('album' | 'camera')[];
}

/**
 * Lets the person pick a picture (album or camera), checks it against the storage limits (JPG, PNG or WebP, at most
 * 2 MB) and uploads it to their own folder. Resolves the file id to save in the document, or null when they cancelled.
 * Fails with a CloudCallError (STORAGE_FILE_TOO_LARGE, STORAGE_FILE_TYPE_NOT_ALLOWED, UNAUTHENTICATED …) that
 * showError turns into the Chinese text.
 */
export async function chooseAndUploadImage(options: ChooseImageOptions = {}): Promise<string | null> {
  const cloud = needClient();
  let chosen: Taro.chooseImage.SuccessCallbackResult;
  try {
    chosen = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: options.sourceType ?? ['album', 'camera'] });
  } catch (e) {
    if (/cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? e))) return null;
    throw new CloudCallError('CHOOSE_IMAGE_FAILED', '无法打开相册，请检查权限后重试');
  }
  const picked = chosen.tempFiles?.[0] as (Taro.chooseImage.ImageFile & { originalFileObj?: File; type?: string }) | undefined;
  const path = picked?.path ?? chosen.tempFilePaths?.[0];
  if (!path) return null;
  const original = picked?.originalFileObj;
  if (isWeapp) {
    // WeChat hands a temp path with an extension; `compressed` already shrank it, once more if still too large.
    const ext = extensionOf(path);
    if (!IMAGE_TYPES[ext]) throw refuse('STORAGE_FILE_TYPE_NOT_ALLOWED');
    let src = path;
    if ((picked?.size ?? 0) > FILE_LIMITS.image.maxBytes) src = (await Taro.compressImage({ src: path, quality: 60 }).catch(() => ({ tempFilePath: path }))).tempFilePath;
    return cloud.uploadFile(newUploadPath(await cloud.userKey(), ext, options.folder ?? 'photos'), src);
  }
  // The web hands the File itself (its type says what it is; blob: paths have no extension). A phone photo is
  // often several MB and the browser does not compress it: it is scaled down and re-encoded first.
  let file: Blob = original ?? (await (await fetch(path)).blob());
  let ext = EXT_OF_TYPE[file.type] || extensionOf(original?.name ?? '') || extensionOf(path);
  if (!IMAGE_TYPES[ext] || file.size > FILE_LIMITS.image.maxBytes) {
    const smaller = await shrinkForUpload(file, FILE_LIMITS.image.maxBytes);
    if (smaller) {
      file = smaller;
      ext = 'jpg';
    }
  }
  if (!IMAGE_TYPES[ext]) throw refuse('STORAGE_FILE_TYPE_NOT_ALLOWED');
  if (file.size > FILE_LIMITS.image.maxBytes) throw refuse('STORAGE_FILE_TOO_LARGE');
  return cloud.uploadFile(newUploadPath(await cloud.userKey(), ext, options.folder ?? 'photos'), file);
}
