import type { PropsWithChildren } from 'react';
import '@nutui/nutui-react-taro/dist/style.css';
import '@daojia/app-kit/styles.scss';
import './app.scss';

export default function App({ children }: PropsWithChildren) {
  return children;
}
