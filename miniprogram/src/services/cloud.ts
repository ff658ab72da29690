/**
 * The app's only door to the cloud (@daojia/app-kit): `api.<function>.<action>(input)`, typed by the domain's API
 * map. A call the cloud refuses for want of a sign-in takes the web user to the login page with the cloud's reason.
 */
import { createAppCloud } from '@daojia/app-kit';

export const { cloud, api, ensureSignedIn } = createAppCloud({ app: 'consumer', loginOnSignInError: true });
