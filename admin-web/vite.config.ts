import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const cloud = process.env.DAOJIA_CLOUD_URL ?? 'http://127.0.0.1:9000';

/** Served by the local cloud under /app/admin/ (and by CloudBase static hosting in production). */
export default defineConfig({
  base: '/app/admin/',
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
});
