import { defineConfig, loadEnv } from 'vite';
import react from '@vitejs/plugin-react';

const cloud = process.env.DAOJIA_CLOUD_URL ?? 'http://127.0.0.1:9000';

/** Served by the local cloud under /app/admin/ (and by CloudBase static hosting in production). */
export default defineConfig(({ mode }) => ({
  base: '/app/admin/',
  // Build-time production switch: VITE_CLOUD_ENV=<CloudBase env id> (shell or .env.production) points the panel at
  // that environment; unset, it uses the local cloud at the page's origin.
  define: { 'process.env.VITE_CLOUD_ENV': JSON.stringify(loadEnv(mode, process.cwd(), 'VITE_').VITE_CLOUD_ENV ?? '') },
  plugins: [react()],
  build: {
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          if (id.includes('node_modules/antd') || id.includes('node_modules/@ant-design') || id.includes('node_modules/rc-')) return 'antd';
          if (id.includes('node_modules/react')) return 'react';
          return undefined;
        },
      },
    },
  },
  server: { host: '127.0.0.1', port: 5173, proxy: { '/v1': cloud, '/dev': cloud, '/sandbox': cloud } },
}));
