import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Empty, Toast } from '@nutui/nutui-react-taro';
import { errorMessage } from '../services/cloud';

const TOAST_ID = 'toast';

/** Put once per page; showError/showInfo target it. For passing notices only: a failure that leaves the page
 * unable to go on is a PageError, which stays until the user acts. */
export function PageToast() {
  return <Toast id={TOAST_ID} />;
}

export function showError(err: unknown): void {
  Toast.show(TOAST_ID, { content: errorMessage(err), icon: 'fail' });
}

export function showInfo(content: string): void {
  Toast.show(TOAST_ID, { content });
}

/**
 * A request the page cannot do without failed: the function's message stays on screen (`<id>-message`) with the
 * ways out as buttons (children), instead of a toast that fades and leaves a blank page.
 */
export function PageError({ id, message, children }: { id: string; message: string; children?: ReactNode }) {
  return (
    <View id={id}>
      <Empty status='error' size='small' title={<View className='nut-empty-title' id={`${id}-message`}>{message}</View>} />
      <View className='chips' style={{ justifyContent: 'center' }}>{children}</View>
    </View>
  );
}
