import { Toast } from '@nutui/nutui-react-taro';
import { errorMessage } from '../services/cloud';

const TOAST_ID = 'toast';

/** Put once per page; showError/showInfo target it. */
export function PageToast() {
  return <Toast id={TOAST_ID} />;
}

export function showError(err: unknown): void {
  Toast.show(TOAST_ID, { content: errorMessage(err), icon: 'fail' });
}

export function showInfo(content: string): void {
  Toast.show(TOAST_ID, { content });
}
