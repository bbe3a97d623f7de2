// The window's entry, small on purpose: the first screen's questions go to the session at once,
// then the app (React, antd, its styles; index.html preloads them meanwhile) draws the window.
import { startEarlyCalls } from './app/earlyCalls';

startEarlyCalls();
void import('./app/render');
