import { useCallback, useState, type ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Empty, Toast } from '@nutui/nutui-react-taro';
import { Failure } from '@nutui/icons-react-taro';
import { errorMessage } from '@daojia/cloud-client';

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
 * A button's action that shows its progress: `busy` while `run(action)` is under way (for `loading` / `disabled`); a
 * failure is shown as a toast, as every button of both apps does.
 */
export function useBusy(): [boolean, (action: () => Promise<unknown>) => Promise<void>] {
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  }, []);
  return [busy, run];
}

/**
 * NutUI's Empty loads its default pictures from JD's image CDN; an app must not depend on a third party's CDN (and
 * nothing outside this machine is reachable in tests), so every empty state passes one of NutUI's bundled icons.
 */
export function EmptyState({ description, icon }: { description: string; icon: ReactNode }) {
  return <Empty image={<View className="empty-icon">{icon}</View>} imageSize={72} description={description} />;
}

/**
 * A request the page cannot do without failed: the function's message stays on screen (`<id>-message`) with the
 * ways out as buttons (children), instead of a toast that fades and leaves a blank page.
 */
export function PageError({ id, message, children }: { id: string; message: string; children?: ReactNode }) {
  return (
    <View id={id}>
      <Empty
        image={
          <View className="empty-icon">
            <Failure size={56} color="#c8c9cc" />
          </View>
        }
        imageSize={72}
        size="small"
        title={
          <View className="nut-empty-title" id={`${id}-message`}>
            {message}
          </View>
        }
      />
      <View className="chips" style={{ justifyContent: 'center' }}>
        {children}
      </View>
    </View>
  );
}
