// Vite build of the back office (react-admin). Run from the repository root:
//   npx vite build --config admin-ui/vite.config.mts
// The API serves admin-ui/dist at "/" with an SPA fallback; in development the
// Vite dev server proxies /api to the API on port 3000.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
    root,
    base: '/',
    plugins: [react()],
    server: {
        proxy: {
            '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
        },
    },
    preview: {
        proxy: {
            '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
        },
    },
    build: {
        outDir: fileURLToPath(new URL('./dist', import.meta.url)),
        emptyOutDir: true,
        sourcemap: false,
        // react-admin + MUI make one big vendor graph; splitting it keeps the
        // app chunk small and lets browsers cache the vendor code across releases.
        chunkSizeWarningLimit: 1200,
        rolldownOptions: {
            output: {
                manualChunks(id: string) {
                    if (!id.includes('node_modules')) return undefined;
                    if (/node_modules[\\/](@mui|@emotion)[\\/]/.test(id)) return 'vendor-mui';
                    if (/node_modules[\\/](react-admin|ra-[a-z-]+)[\\/]/.test(id)) return 'vendor-ra';
                    return 'vendor';
                },
            },
        },
    },
});
