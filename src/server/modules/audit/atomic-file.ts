/** Owner-only files in the key directory, replaced so that a crash leaves the old content or the new, never half. */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes text to file (0600, in a 0700 directory created when missing) through a temporary file that is
 * fsynced and renamed over it; the directory is fsynced too, so the rename itself survives a crash.
 * With `replace: false` an existing file is kept (link() never overwrites) and false is returned, so two
 * processes creating the same file at once end up with one of them.
 */
export function writeFileAtomically(file: string, text: string, { replace = true } = {}): boolean {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    // fchmod: the mode given to open is reduced by the umask, and these files must be exactly owner-only.
    fchmodSync(fd, 0o600);
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  let written = true;
  if (replace) {
    // rename() replaces in one step: a crash leaves the old file or the new one, never half of either.
    renameSync(temp, file);
  } else {
    try {
      linkSync(temp, file);
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
      written = false;
    } finally {
      unlinkSync(temp);
    }
  }
  if (process.platform !== 'win32') {
    const dirFd = openSync(dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }
  return written;
}
