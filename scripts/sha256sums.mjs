// electron-builder's afterAllArtifactBuild hook: writes SHA256SUMS beside the installers, in the
// format `sha256sum -c` reads, so an organiser can check a USB stick's copies offline. Returns
// the file so that it is published with the artefacts.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The artefacts a person installs from (blockmaps and update metadata are left out). */
const INSTALLABLE = /\.(exe|dmg|AppImage|deb|zip)$/;

export default function writeSha256Sums(result) {
  const lines = result.artifactPaths
    .filter((file) => INSTALLABLE.test(file))
    .sort()
    .map((file) => {
      const digest = createHash('sha256').update(readFileSync(file)).digest('hex');
      return `${digest}  ${path.relative(result.outDir, file).split(path.sep).join('/')}`;
    });
  const sums = path.join(result.outDir, 'SHA256SUMS');
  writeFileSync(sums, lines.length > 0 ? `${lines.join('\n')}\n` : '');
  return [sums];
}
