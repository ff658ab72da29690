import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Progress } from '@nutui/nutui-react-taro';
import { FILE_LIMITS, IMPORT_STAGE_LABELS, IMPORT_STATUS_LABELS, MAX_IMPORT_ROWS, extensionOf, formatBytes, newUploadPath, type CatalogImportJob, type SheetFormatName } from '@daojia/domain';
import { CloudCallError } from '@daojia/cloud-client';
import { PageToast, isWeapp, showError, showInfo, useBusy } from '@daojia/app-kit';
import { api, cloud, ensureSignedIn } from '../../services/cloud';
import './index.scss';

/** A file the merchant picked: its name and what uploads it (a File on the web, a temp path in WeChat). */
interface Picked {
  name: string;
  size: number;
  source: string | Blob;
}

/** H5: a file input opened from code (no DOM in the page's markup, so the weapp build has none). */
function pickOnWeb(): Promise<Picked | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.xlsx,.csv';
    input.id = 'catalog-import-file';
    input.style.display = 'none';
    input.onchange = () => {
      const f = input.files?.[0];
      input.remove();
      resolve(f ? { name: f.name, size: f.size, source: f } : null);
    };
    document.body.appendChild(input);
    input.click();
  });
}

/** WeChat: a file from a chat (where merchants receive spreadsheets). */
async function pickInWeapp(): Promise<Picked | null> {
  try {
    const r = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] });
    const f = r.tempFiles[0];
    return f ? { name: f.name, size: f.size, source: f.path } : null;
  } catch (e) {
    if (/cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? e))) return null;
    throw new CloudCallError('CHOOSE_FILE_FAILED', '无法选择文件，请从微信聊天中选择 xlsx 或 csv 文件');
  }
}

/**
 * A file made by the cloud (template, export): H5 downloads it; WeChat opens it (its menu shares or saves it). WeChat's
 * document viewer opens xlsx but not csv, so the weapp offers Excel only.
 */
async function openFile(url: string, fileName: string) {
  if (!isWeapp) {
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.target = '_blank';
    document.body.appendChild(a);
    a.click();
    a.remove();
    return;
  }
  const { tempFilePath, statusCode } = await Taro.downloadFile({ url });
  if (statusCode !== 200) throw new CloudCallError('DOWNLOAD_FAILED', '文件下载失败，请重试');
  await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true });
}

const newJobId = () => `imp${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

/**
 * 批量导入导出: the template to fill in, a spreadsheet to import (progress while it runs, then the report: what was
 * created and updated, or every bad row with its column and reason, nothing applied), and the catalogue's export.
 */
export default function CatalogImport() {
  const [job, setJob] = useState<CatalogImportJob | null>(null);
  const [uploading, setUploading] = useState(false);
  const [busy, run] = useBusy();
  const polling = useRef<ReturnType<typeof setInterval> | null>(null);
  const stopPolling = () => {
    if (polling.current) clearInterval(polling.current);
    polling.current = null;
  };
  useEffect(() => stopPolling, []);
  useEffect(() => {
    ensureSignedIn().catch(showError);
  }, []);

  const download = (what: 'template' | 'export', format: SheetFormatName) =>
    run(async () => {
      const file = what === 'template' ? await api.merchantCatalog.importTemplate({ format }) : await api.merchantCatalog.exportCatalog({ format });
      await openFile(file.url, file.fileName);
      showInfo(what === 'template' ? '模板已下载' : `已导出 ${file.productCount} 个商品`);
    });

  const importFile = () =>
    run(async () => {
      const picked = isWeapp ? await pickInWeapp() : await pickOnWeb();
      if (!picked) return;
      const ext = extensionOf(picked.name);
      if (ext !== 'xlsx' && ext !== 'csv') throw new CloudCallError('STORAGE_FILE_TYPE_NOT_ALLOWED', '请选择 xlsx 或 csv 格式的表格');
      if (picked.size > FILE_LIMITS.spreadsheet.maxBytes) throw new CloudCallError('STORAGE_FILE_TOO_LARGE', `文件太大，表格不能超过 ${formatBytes(FILE_LIMITS.spreadsheet.maxBytes)}`);
      setJob(null);
      setUploading(true);
      let fileId: string;
      try {
        fileId = await cloud.uploadFile(newUploadPath(await cloud.userKey(), ext, 'imports'), picked.source);
      } finally {
        setUploading(false);
      }
      const jobId = newJobId();
      // The import runs in this call; its document says how far it got meanwhile.
      polling.current = setInterval(() => {
        api.merchantCatalog
          .importStatus({ jobId })
          .then((r) => setJob((j) => (j?.status === 'running' || !j ? r.job : j)))
          .catch(() => undefined);
      }, 700);
      try {
        const { job: finished } = await api.merchantCatalog.importFile({ jobId, fileId, fileName: picked.name });
        setJob(finished);
        if (finished.status === 'done') showInfo(`导入成功：新增 ${finished.created} 个，更新 ${finished.updated} 个`);
      } finally {
        stopPolling();
      }
    });

  const running = uploading || job?.status === 'running';
  return (
    <View className="page" id="page-catalog-import">
      <View className="section">
        <Text className="title">1. 下载模板</Text>
        <View className="muted">一行一个规格：同一商品的多个规格写多行，商品编号相同；没有规格的商品写一行、规格留空。价格以元填写，最多两位小数。</View>
        <View className="row import-buttons">
          <Button size="small" id="import-template-xlsx" disabled={busy} onClick={() => download('template', 'xlsx')}>
            Excel 模板
          </Button>
          {!isWeapp && (
            <Button size="small" id="import-template-csv" disabled={busy} onClick={() => download('template', 'csv')}>
              CSV 模板
            </Button>
          )}
        </View>
      </View>

      <View className="section">
        <Text className="title">2. 上传表格导入</Text>
        <View className="muted">
          支持 xlsx、csv（{formatBytes(FILE_LIMITS.spreadsheet.maxBytes)} 以内，最多 {MAX_IMPORT_ROWS} 行）。整个文件校验通过才会导入；任何一行有错，所有商品都不改动，按报告改好后重新上传即可。
        </View>
        <Button type="primary" id="import-pick" loading={running} disabled={busy} onClick={importFile}>
          {isWeapp ? '从微信聊天选择文件' : '选择文件并导入'}
        </Button>
        {uploading && <View className="muted">正在上传文件…</View>}
        {job && <ImportReport job={job} />}
      </View>

      <View className="section">
        <Text className="title">3. 导出商品</Text>
        <View className="muted">导出全部商品（含已下架），格式与模板相同：改好后可直接导入。</View>
        <View className="row import-buttons">
          <Button size="small" id="export-xlsx" disabled={busy} onClick={() => download('export', 'xlsx')}>
            导出 Excel
          </Button>
          {!isWeapp && (
            <Button size="small" id="export-csv" disabled={busy} onClick={() => download('export', 'csv')}>
              导出 CSV
            </Button>
          )}
        </View>
      </View>
      <PageToast />
    </View>
  );
}

function ImportReport({ job }: { job: CatalogImportJob }) {
  return (
    <View className={`import-report import-${job.status}`} id="import-report">
      <View className="row">
        <Text className="title" id="import-status">
          {job.status === 'running' ? `${IMPORT_STAGE_LABELS[job.stage]}…` : IMPORT_STATUS_LABELS[job.status]}
        </Text>
        <Text className="muted">{job.fileName}</Text>
      </View>
      {job.status === 'running' && <Progress percent={job.percent} showText />}
      {job.status === 'done' && (
        <View id="import-done">
          共 {job.rowCount} 行、{job.productCount} 个商品：新增 {job.created} 个，更新 {job.updated} 个，{job.productCount - job.created - job.updated} 个没有变化。
        </View>
      )}
      {job.status === 'failed' && <View id="import-failed">{job.message ?? '导入失败，商品未作任何改动'}</View>}
      {job.status === 'rejected' && (
        <View id="import-errors">
          <View className="muted">共 {job.errorCount} 处错误，所有商品都没有改动。请按下面的行号改好后重新上传：</View>
          {job.errors.map((e, i) => (
            <View key={i} className="import-error" id={`import-error-${e.row}`}>
              <Text className="import-error-where">{e.row === 0 ? '文件' : `第 ${e.row} 行${e.column ? ` · ${e.column}` : ''}`}</Text>
              <Text>{e.message}</Text>
            </View>
          ))}
          {job.errorCount > job.errors.length && <View className="muted">还有 {job.errorCount - job.errors.length} 处错误未列出，请先改好以上各处。</View>}
        </View>
      )}
    </View>
  );
}
