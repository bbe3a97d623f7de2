// Where the window was and how big, kept in the app's folder (window-state.json) and restored
// next time — unless that place is off every screen now (a projector unplugged), when the
// window opens at its default size instead.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState extends Bounds {
  maximized: boolean;
}

/** At least this much of the window's title bar on some screen, or it is not restored. */
const VISIBLE_PX = 100;

function isWindowState(value: unknown): value is WindowState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Record<string, unknown>;
  return (
    ['x', 'y', 'width', 'height'].every((key) => Number.isFinite(state[key])) &&
    typeof state.maximized === 'boolean'
  );
}

/** The saved state when enough of it lies on one of today's screens (their work areas). */
export function placeWindow(
  saved: unknown,
  screens: readonly Bounds[],
  minimum: { width: number; height: number },
): WindowState | null {
  if (!isWindowState(saved)) return null;
  if (saved.width < minimum.width || saved.height < minimum.height) return null;
  const titleBar = { x: saved.x, y: saved.y, width: saved.width, height: 40 };
  const onScreen = screens.some((area) => {
    const width =
      Math.min(titleBar.x + titleBar.width, area.x + area.width) - Math.max(titleBar.x, area.x);
    const height =
      Math.min(titleBar.y + titleBar.height, area.y + area.height) - Math.max(titleBar.y, area.y);
    return width >= VISIBLE_PX && height > 0;
  });
  return onScreen ? saved : null;
}

export function readWindowState(folder: string): unknown {
  try {
    return JSON.parse(readFileSync(join(folder, 'window-state.json'), 'utf8')) as unknown;
  } catch {
    // None yet, or unreadable: the default place will do.
    return null;
  }
}

export function writeWindowState(folder: string, state: WindowState): void {
  try {
    writeFileSync(join(folder, 'window-state.json'), JSON.stringify(state));
  } catch {
    // A read-only profile keeps the default place next time; nothing to tell the user.
  }
}
