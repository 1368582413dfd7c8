// Vite for the example console. In development the console backend (here: the aiven-fork
// sandbox started with --console-proxy) is reached through Vite's proxy, same origin as the
// page; `aiven-fork` is kept out of dependency pre-bundling so its .wasm is found next to it
// (import.meta.url). `vite build` needs neither.
import { defineConfig } from 'vite';

const BACKEND = process.env.CONSOLE_BACKEND || 'http://127.0.0.1:8787';

export default defineConfig({
  optimizeDeps: { exclude: ['aiven-fork'] },
  server: { proxy: { '/aiven-api': BACKEND, '/_console': BACKEND } },
});
