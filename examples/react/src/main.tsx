import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'aiven-fork/widget'; // defines <aiven-fork> before React renders it
import { App } from './App';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
