// Draws the window (loaded by main.tsx once the first screen's questions went out).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Root } from './Root';
// antd's component styles prebuilt (Root sets zeroRuntime): none computed on the first render.
import 'antd/dist/antd.css';
import './app.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
createRoot(container).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
