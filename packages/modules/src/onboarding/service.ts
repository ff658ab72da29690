import { randomBytes } from 'node:crypto';
import {
  DomainError,
  OPEN_APPLICATION_STATUSES,
  defaultTerms,
  regionOf,
  type AdminApplicationView,
  type ApplicationForm,
  type ApplicationStatus,
  type ApplicationView,
  type Store,
  type StoreApplication,
} from '@daojia/domain';
import { nowIso } from '../runtime';
import { isOwnUpload } from '../files';
import { createStore } from '../stores';
import { addOwner } from '../access';
import { audit, type Actor } from '../audit';
import { applicationsOf, applicationsPage, findApplication, insertApplication, markApproved, markApproving, markRejected } from './repository';

export const toApplicationView = ({ applicantKey: _a, openKey: _o, reviewedBy: _r, ...view }: StoreApplication): ApplicationView => view;
export const toAdminApplicationView = ({ openKey: _o, ...view }: StoreApplication): AdminApplicationView => view;

/**
 * Applying to open a store: the region comes from the map point (the demo city's districts, domain/onboarding), the
 * licence photo must be the applicant's own upload, and a person has one open application at a time (a rejected one
 * closes, so they apply again; an approved one too, so an owner may apply for a second store).
 */
export async function apply(userKey: string, form: ApplicationForm): Promise<StoreApplication> {
  const region = regionOf(form.location);
  if (!region) throw new DomainError('REGION_UNSUPPORTED', '该位置不在已开通的服务区域内（目前开通：黄浦区、静安区、徐汇区、长宁区）');
  if (!isOwnUpload(form.licenceFileId, userKey)) throw new DomainError('LICENCE_INVALID', '营业执照照片无效，请重新上传');
  const doc: StoreApplication = { ...form, _id: `sa-${randomBytes(6).toString('hex')}`, applicantKey: userKey, region, status: 'pending', openKey: userKey, createdAt: nowIso() };
  if (!(await insertApplication(doc))) throw new DomainError('APPLICATION_OPEN', '你已有一份开店申请在审核中，请等待审核结果');
  return doc;
}

export const myApplications = (userKey: string) => applicationsOf(userKey);

const STATUSES: Record<'open' | 'approved' | 'rejected' | 'all', readonly ApplicationStatus[]> = {
  open: OPEN_APPLICATION_STATUSES,
  approved: ['approved'],
  rejected: ['rejected'],
  all: ['pending', 'approving', 'approved', 'rejected'],
};

export function listApplications(scope: Record<string, unknown>, opts: { status: keyof typeof STATUSES; offset: number; limit: number }) {
  return applicationsPage(scope, STATUSES[opts.status], opts.offset, opts.limit);
}

export interface Review {
  application: StoreApplication;
  store?: Store;
}

const notFound = () => new DomainError('APPLICATION_NOT_FOUND', '开店申请不存在');
const notPending = () => new DomainError('APPLICATION_NOT_PENDING', '该申请已审核，不能再次处理');

/**
 * Approves an application (in the reviewer's scope: another region's is not found). Compare-and-set steps, each
 * safe to run again, instead of one transaction across three modules' collections: (1) pending → approving, fixing
 * the store id and the commission terms; (2) the store under that id (closed, defaults by category); (3) the
 * applicant's owner row (fixed id); (4) the audit line; (5) approving → approved. A review that died after (1) is
 * finished by approving again: the same store, owner and terms, never a second store.
 */
export async function approveApplication(id: string, scope: Record<string, unknown>, admin: Actor): Promise<Review> {
  let app = await findApplication(id, scope);
  if (!app) throw notFound();
  const now = new Date();
  if (app.status === 'pending') {
    const set = { storeId: `store-${app._id.replace(/^sa-/, '')}`, terms: defaultTerms(app.category, now), reviewedBy: { adminId: admin._id, name: admin.name }, reviewedAt: now.toISOString() };
    if (await markApproving(app._id, scope, set)) app = { ...app, status: 'approving', ...set };
    else app = (await findApplication(id, scope)) ?? app;
  }
  if (app.status !== 'approving' || !app.storeId || !app.terms) throw notPending();
  const store = await createStore({
    _id: app.storeId,
    name: app.name,
    category: app.category,
    address: app.address,
    location: app.location,
    region: app.region,
    phone: app.contactPhone,
    terms: app.terms,
    createdAt: app.reviewedAt ?? now.toISOString(),
  });
  await addOwner(store._id, app.applicantKey, app.contactName);
  await audit(admin, 'approveApplication', {
    applicationId: app._id,
    storeId: store._id,
    reason: '',
    before: { application: 'pending' },
    after: { application: 'approved', store: store.status, commissionRateBp: String(app.terms.commissionRateBp), freeUntil: app.terms.freeUntil },
  });
  await markApproved(app._id);
  return { application: { ...app, status: 'approved', openKey: app._id }, store };
}

export async function rejectApplication(id: string, scope: Record<string, unknown>, admin: Actor, reason: string): Promise<Review> {
  const app = await findApplication(id, scope);
  if (!app) throw notFound();
  const set = { reason, reviewedBy: { adminId: admin._id, name: admin.name }, reviewedAt: nowIso() };
  if (app.status !== 'pending' || !(await markRejected(app._id, scope, set))) throw notPending();
  await audit(admin, 'rejectApplication', { applicationId: app._id, reason, before: { application: 'pending' }, after: { application: 'rejected' } });
  return { application: { ...app, status: 'rejected', openKey: app._id, ...set } };
}
