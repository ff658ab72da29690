/** Browser-only picture shrinking for uploads (no Taro here, so a browser test can bundle it alone). */

/**
 * A browser-decodable picture re-encoded as JPEG, at most 1600 px on its longer side (1280 px, lower quality, if
 * that is still too large), or undefined when the browser cannot decode it (HEIC on most browsers, not a picture)
 * or has no canvas (tests).
 */
export async function shrinkForUpload(file: Blob, maxBytes: number): Promise<Blob | undefined> {
  if (typeof document === 'undefined' || typeof createImageBitmap !== 'function') return undefined;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return undefined;
  }
  for (const [edge, quality] of [
    [1600, 0.85],
    [1280, 0.72],
    [1024, 0.6],
  ] as const) {
    const scale = Math.min(1, edge / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
    if (blob && blob.size <= maxBytes) return blob;
  }
  return undefined;
}
