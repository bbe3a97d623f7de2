// The window opens where it was left, at its size, unless that place is off every screen now.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { placeWindow, readWindowState, writeWindowState } from '../../electron/shell/window-state';

const LAPTOP = { x: 0, y: 0, width: 1920, height: 1040 };
const PROJECTOR = { x: 1920, y: 0, width: 1280, height: 720 };
const MINIMUM = { width: 1100, height: 700 };

describe('placeWindow', () => {
  it('restores a place on a screen that is still there, maximised or not', () => {
    const state = { x: 100, y: 80, width: 1300, height: 800, maximized: true };
    expect(placeWindow(state, [LAPTOP], MINIMUM)).toEqual(state);
  });

  it('leaves a place on a screen unplugged since, or barely on one, for the default', () => {
    const onProjector = { x: 2000, y: 50, width: 1200, height: 700, maximized: false };
    expect(placeWindow(onProjector, [LAPTOP, PROJECTOR], MINIMUM)).toEqual(onProjector);
    expect(placeWindow(onProjector, [LAPTOP], MINIMUM)).toBeNull();
    // Only 50 px of the title bar left on the laptop: not enough to grab it.
    expect(placeWindow({ ...onProjector, x: 1870 }, [LAPTOP], MINIMUM)).toBeNull();
    // Above the top of every screen.
    expect(placeWindow({ ...onProjector, x: 10, y: -300 }, [LAPTOP], MINIMUM)).toBeNull();
  });

  it('ignores a state file that is damaged or smaller than the window may be', () => {
    expect(placeWindow(null, [LAPTOP], MINIMUM)).toBeNull();
    expect(placeWindow({ x: 'a', y: 0, width: 1200, height: 800 }, [LAPTOP], MINIMUM)).toBeNull();
    expect(
      placeWindow({ x: 0, y: 0, width: 300, height: 200, maximized: false }, [LAPTOP], MINIMUM),
    ).toBeNull();
  });

  it('keeps the state in the app folder between runs', () => {
    const folder = mkdtempSync(join(tmpdir(), 'sail-window-'));
    expect(readWindowState(folder)).toBeNull();
    const state = { x: 40, y: 30, width: 1280, height: 820, maximized: false };
    writeWindowState(folder, state);
    expect(placeWindow(readWindowState(folder), [LAPTOP], MINIMUM)).toEqual(state);
  });
});
