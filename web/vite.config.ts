import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

const gateway = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [vue()],
  define: {
    __INTLIFY_PROD_DEVTOOLS__: false,
    __INTLIFY_DROP_MESSAGE_COMPILER__: false,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': { target: gateway, changeOrigin: false },
      '/ws': { target: gateway, ws: true, changeOrigin: false },
    },
  },
  preview: {
    host: '127.0.0.1',
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
    restoreMocks: true,
    unstubGlobals: true,
  },
});
