/**
 * @jest-environment jsdom
 */
import type { CloudClient } from '@daojia/cloud-client';

/**
 * chooseAndUploadImage on the web (Taro's H5 chooseImage hands the File): cancelled → null; a picture over 2 MB that cannot be shrunk, or
 * not JPG/PNG/WebP → refused before any upload, with the storage's code; otherwise uploaded to the caller's own
 * folder (uploads/<userKey>/<folder>/…) and its file id returned.
 */
const chooseImage = jest.fn();
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { chooseImage: (o: unknown) => chooseImage(o) } }));
jest.mock('@tarojs/components', () => ({ Image: 'img', View: 'div' }));
// The client's errors only (its web half would load js-sdk's browser build, which jest cannot).
jest.mock('@daojia/cloud-client', () => ({ CloudCallError: jest.requireActual('../../cloud-client/src/errors').CloudCallError }));

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { chooseAndUploadImage, registerFileClient } = require('../src/files') as typeof import('../src/files');

const uploads: { cloudPath: string; file: unknown }[] = [];
const client = {
  userKey: async () => 'demo-merchant-001',
  uploadFile: async (cloudPath: string, file: unknown) => {
    uploads.push({ cloudPath, file });
    return `cloud://env.bucket/${cloudPath}`;
  },
  fileUrls: async () => ({}),
} as unknown as CloudClient;
registerFileClient(client);

const picked = (file: File) => ({ tempFilePaths: ['blob:x'], tempFiles: [{ path: 'blob:x', size: file.size, type: file.type, originalFileObj: file }] });

beforeEach(() => {
  uploads.length = 0;
  chooseImage.mockReset();
});

test('a picture the person picked goes to their own folder; the file id comes back', async () => {
  const file = new File([new Uint8Array(1000)], 'IMG_0001.JPG', { type: 'image/jpeg' });
  chooseImage.mockResolvedValue(picked(file));
  const id = await chooseAndUploadImage({ folder: 'products' });
  expect(uploads).toHaveLength(1);
  expect(uploads[0].cloudPath).toMatch(/^uploads\/demo-merchant-001\/products\/[a-z0-9]+-[a-z0-9]+\.jpg$/);
  expect(uploads[0].file).toBe(file);
  expect(id).toBe(`cloud://env.bucket/${uploads[0].cloudPath}`);
  expect(chooseImage).toHaveBeenCalledWith(expect.objectContaining({ count: 1, sizeType: ['compressed'] }));
});

test('cancelling the picker is not an error', async () => {
  chooseImage.mockRejectedValue({ errMsg: 'chooseImage:fail cancel' });
  expect(await chooseAndUploadImage()).toBeNull();
  expect(uploads).toEqual([]);
});

test('too large (and not shrinkable: no canvas here) or not a JPG/PNG/WebP: refused before uploading, with the code and text the toast shows', async () => {
  chooseImage.mockResolvedValue(picked(new File([new Uint8Array(2 * 1024 * 1024 + 1)], 'big.png', { type: 'image/png' })));
  await expect(chooseAndUploadImage()).rejects.toMatchObject({ code: 'STORAGE_FILE_TOO_LARGE', message: expect.stringContaining('2 MB') });
  chooseImage.mockResolvedValue(picked(new File([new Uint8Array(10)], 'anim.gif', { type: 'image/gif' })));
  await expect(chooseAndUploadImage()).rejects.toMatchObject({ code: 'STORAGE_FILE_TYPE_NOT_ALLOWED' });
  expect(uploads).toEqual([]);
});
