import { DevLogin } from '@daojia/app-kit';
import { cloud } from '../../services/cloud';

/** Local development sign-in: pick a seeded merchant staff account. In WeChat the platform signs the user in. */
export default function Login() {
  return <DevLogin cloud={cloud} role="merchant" title="选择演示商家账号登录" hint="本地开发环境：选择一个商家店员账号即可登录" home="/pages/orders/index" />;
}
