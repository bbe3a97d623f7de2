// The installers (electron-builder.yml), checked without building them: Electron cannot be
// downloaded here. The configuration is loaded and validated by electron-builder itself, and
// each promise of the packaging is checked on it: targets and architectures, a per-user Windows
// install, icons at every size each target reads, file associations, the Electron-ABI
// better-sqlite3 per architecture, the fuses, and the SHA256SUMS written beside the artefacts.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot as REPO_ROOT, tempDir } from '../support/paths';

const require = createRequire(import.meta.url);

interface TargetSpec {
  target: string;
  arch: string[];
}
interface BuilderConfig {
  win: { target: TargetSpec[]; icon: string };
  nsis: Record<string, unknown>;
  mac: { target: TargetSpec[]; icon: string };
  linux: { target: TargetSpec[]; icon: string };
  fileAssociations: Array<{ ext: string; description: string }>;
  extraResources: Array<{ from: string; to: string }>;
  asarUnpack: string[];
  asar: boolean;
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  afterAllArtifactBuild: string;
}

let config: BuilderConfig;

beforeAll(async () => {
  const { getConfig, validateConfiguration } =
    require('app-builder-lib/out/util/config/config') as {
      getConfig: (dir: string, path: null, options: null) => Promise<BuilderConfig>;
      validateConfiguration: (config: BuilderConfig, logger: unknown) => Promise<void>;
    };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (on: boolean) => unknown };
  config = await getConfig(REPO_ROOT, null, null);
  // electron-builder's own schema: a misspelt key or a wrong value type fails here.
  await validateConfiguration(config, new DebugLogger(false));
});

const archesOf = (targets: TargetSpec[], name: string) =>
  targets
    .find((target) => target.target === name)
    ?.arch.slice()
    .sort();

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('installers', () => {
  it('Windows: an NSIS installer per user by default and a portable exe, x64', () => {
    expect(archesOf(config.win.target, 'nsis')).toEqual(['x64']);
    expect(archesOf(config.win.target, 'portable')).toEqual(['x64']);
    // Assisted installer whose install-mode page preselects "only me": no administrator rights.
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      selectPerMachineByDefault: false,
    });
  });

  it('macOS: dmg for x64 and arm64; Linux: AppImage and deb for x64 and arm64', () => {
    expect(archesOf(config.mac.target, 'dmg')).toEqual(['arm64', 'x64']);
    expect(archesOf(config.linux.target, 'AppImage')).toEqual(['arm64', 'x64']);
    expect(archesOf(config.linux.target, 'deb')).toEqual(['arm64', 'x64']);
  });

  it('opens its three kinds of file by double-click', () => {
    expect(config.fileAssociations.map((a) => a.ext).sort()).toEqual([
      'sailpanel',
      'sailreview',
      'sailscores',
    ]);
    for (const association of config.fileAssociations)
      expect(association.description).toMatch(/扬帆评审/);
  });

  it('ships better-sqlite3 built for Electron’s ABI, one per architecture, outside the asar', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/build/Release/*.node');
    expect(config.extraResources).toContainEqual({
      from: '.native/electron-${arch}/better_sqlite3.node',
      to: 'native/better_sqlite3.node',
    });
    // Where the packaged main process loads it from, and where the script builds each arch.
    expect(readFileSync(join(REPO_ROOT, 'electron', 'main.ts'), 'utf8')).toContain(
      "path.join(process.resourcesPath, 'native', 'better_sqlite3.node')",
    );
    expect(readFileSync(join(REPO_ROOT, 'scripts', 'electron-native.mjs'), 'utf8')).toContain(
      '`electron-${arch}`',
    );
  });

  it('sets the Electron fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      // Honoured on macOS and Windows; Linux has no embedded asar integrity check.
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });
});

describe('icons', () => {
  const build = join(REPO_ROOT, 'build');

  it('Linux: a PNG at every hicolor size from 16 to 512 px', () => {
    expect(config.linux.icon).toBe('build/icons');
    const sizes = readdirSync(join(build, 'icons')).map((file) => {
      const [width, height] = pngSize(readFileSync(join(build, 'icons', file)));
      expect(file).toBe(`${width}x${height}.png`);
      return width;
    });
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) expect(sizes).toContain(size);
  });

  it('Windows: an .ico holding 16 to 256 px', () => {
    expect(config.win.icon).toBe('build/icon.ico');
    const ico = readFileSync(join(build, 'icon.ico'));
    expect(ico.readUInt16LE(2)).toBe(1); // an icon, not a cursor
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
      const at = 6 + 16 * i;
      const [size, offset, length] = [
        ico.readUInt8(at) || 256,
        ico.readUInt32LE(at + 12),
        ico.readUInt32LE(at + 8),
      ];
      expect(pngSize(ico.subarray(offset, offset + length))).toEqual([size, size]);
      return size;
    });
    expect(sizes).toEqual(expect.arrayContaining([16, 24, 32, 48, 64, 128, 256]));
  });

  it('macOS: an .icns holding 16 to 1024 px, and a 1024 px PNG', () => {
    expect(config.mac.icon).toBe('build/icon.icns');
    const icns = readFileSync(join(build, 'icon.icns'));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const sizes: number[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      const [width, height] = pngSize(icns.subarray(at + 8, at + icns.readUInt32BE(at + 4)));
      expect(width).toBe(height);
      sizes.push(width);
    }
    expect(sizes.sort((a, b) => a - b)).toEqual([16, 32, 64, 128, 256, 512, 1024]);
    expect(pngSize(readFileSync(join(build, 'icon.png')))).toEqual([1024, 1024]);
  });
});

it('writes SHA256SUMS beside the installers, in the form sha256sum -c checks', async () => {
  const outDir = tempDir();
  const files = ['SailReview-Setup-0.1.0.exe', 'SailReview-0.1.0-arm64.AppImage', 'sub/x.deb'];
  mkdirSync(join(outDir, 'sub'));
  for (const [i, file] of files.entries()) writeFileSync(join(outDir, file), `artefact ${i}`);
  writeFileSync(join(outDir, 'latest.yml'), 'update metadata');
  const hook = (await import(join(REPO_ROOT, config.afterAllArtifactBuild))) as {
    default: (result: { outDir: string; artifactPaths: string[] }) => string[];
  };
  const published = hook.default({
    outDir,
    artifactPaths: [...files, 'latest.yml'].map((file) => join(outDir, file)),
  });
  expect(published).toEqual([join(outDir, 'SHA256SUMS')]);
  const sums = readFileSync(join(outDir, 'SHA256SUMS'), 'utf8');
  expect(sums).not.toContain('latest.yml');
  expect(sums.trim().split('\n')).toHaveLength(3);
  const checked = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], {
    cwd: outDir,
    encoding: 'utf8',
  });
  expect(checked.match(/: OK$/gm)).toHaveLength(3);
  // A changed artefact no longer checks.
  writeFileSync(join(outDir, files[0] ?? ''), 'tampered');
  expect(() =>
    execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: outDir, stdio: 'pipe' }),
  ).toThrow();
});
