import { DevLogin } from '@daojia/app-kit';
import { cloud } from '../../services/cloud';

/** Local development sign-in: pick a seeded demo consumer. In WeChat the platform signs the user in. */
export default function Login() {
  return <DevLogin cloud={cloud} role="consumer" title="选择演示用户登录" hint="本地开发环境：选择一个演示用户即可登录" home="/pages/index/index" />;
}
