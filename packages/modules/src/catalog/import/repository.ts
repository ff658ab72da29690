import { catalogImportJob, product, type CatalogImportJob, type Product } from '@daojia/domain';
import { app, db, readAll } from '../../runtime';
import { addOnce, parser } from '../../repository-kit';

/**
 * The catalogue import's own collection (`catalog_imports`: one document per import, its progress and report,
 * readable by whoever started it) and the product writes of an import, which all go through one transaction.
 */
export const COLLECTIONS = ['catalog_imports'] as const;

const jobs = () => db.collection('catalog_imports');
const parseJob = parser('catalog_imports', catalogImportJob);
const parseProduct = parser('products', product);

/** False when a job with this id exists already (the page sent the same import twice). */
export async function insertJob(job: CatalogImportJob): Promise<boolean> {
  const { _id, ...rest } = catalogImportJob.parse(job);
  return addOnce(() => jobs().add({ _id, ...rest }));
}

export async function updateJob(jobId: string, set: Partial<Omit<CatalogImportJob, '_id' | '_openid' | 'storeId'>>): Promise<void> {
  await jobs().doc(jobId).update(set);
}

export async function storeJob(storeId: string, jobId: string): Promise<CatalogImportJob | undefined> {
  const [doc] = (await jobs().where({ _id: jobId, storeId }).limit(1).get()).data;
  return doc ? parseJob(doc) : undefined;
}

/** A product as the import plans from it: parsed, and whether an order holds some of its stock. */
export interface Current {
  product: Product;
  held: boolean;
}

/** Every product of a store, with whether it is held (pages past the 1000-per-read cap). */
export async function storeProducts(storeId: string): Promise<Current[]> {
  const docs = await readAll<Record<string, unknown>>(db.collection('products').where({ storeId }));
  return docs.map((doc) => ({ product: parseProduct(doc), held: Array.isArray(doc.holds) && doc.holds.length > 0 }));
}

/** What a transaction attempt may do: single documents by id, as CloudBase transactions allow. */
export interface ImportWrites {
  /** Starts the transaction's snapshot (a read of the job itself): whatever changes after it conflicts with a write below. */
  begin(jobId: string): Promise<void>;
  update(productId: string, set: Record<string, unknown>): Promise<void>;
  /** New products, many per round trip. */
  insert(docs: Product[]): Promise<void>;
}

/**
 * New products per insert inside the transaction. node-sdk sends an array in one insertDocument request, which the
 * local cloud stages like single ones; one request per product would make a 2000-row file 2000 round trips.
 */
const INSERT_BATCH = 100;

/** node-sdk's transaction as used here (its own typings leave it untyped). */
interface Transaction {
  collection(name: string): ReturnType<typeof db.collection>;
}

/**
 * Runs `work` in one database transaction, retried (by node-sdk, up to 3 more times) when a write conflicts with a
 * change made after the snapshot, such as an order's take: all of its writes become visible at once, or none.
 */
export async function inTransaction<T>(work: (w: ImportWrites) => Promise<T>): Promise<T> {
  return db.runTransaction(async (t: Transaction) => {
    const writes: ImportWrites = {
      async begin(jobId) {
        await t.collection('catalog_imports').doc(jobId).get();
      },
      async update(productId, set) {
        await t.collection('products').doc(productId).update(set);
      },
      async insert(docs) {
        for (let i = 0; i < docs.length; i += INSERT_BATCH) await t.collection('products').add(docs.slice(i, i + INSERT_BATCH).map((d) => product.parse(d)));
      },
    };
    return work(writes);
  });
}

/** A file from cloud storage (server credentials: callers check whose file it is first). */
export async function downloadFile(fileId: string): Promise<Buffer> {
  const res = (await app.downloadFile({ fileID: fileId })) as { fileContent?: Buffer };
  if (!res.fileContent) throw new Error(`cloud storage returned no content for ${fileId}`);
  return Buffer.from(res.fileContent);
}

/** Writes a file to cloud storage and returns its id and a temporary download URL. */
export async function uploadWithUrl(cloudPath: string, content: Buffer): Promise<{ fileId: string; url: string }> {
  const { fileID } = (await app.uploadFile({ cloudPath, fileContent: content })) as { fileID: string };
  const { fileList } = (await app.getTempFileURL({ fileList: [{ fileID, maxAge: 3600 }] })) as { fileList: { fileID: string; tempFileURL: string; code?: string }[] };
  const url = fileList?.[0]?.tempFileURL;
  if (!url) throw new Error(`cloud storage gave no temporary URL for ${fileID} (${fileList?.[0]?.code ?? 'no answer'})`);
  return { fileId: fileID, url };
}
