/**
 * Attachment files on disk, under `${DATA_DIR}/attachments/`, one file per attachment named by its
 * id. An upload streams into a temporary file in the same folder while its SHA-256 and size are
 * computed, and is renamed into place only once the record is written, so a half-written or
 * refused upload never takes an attachment's name. The first bytes are kept to check the content
 * against the extension.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { AttachmentExtension } from '@pioneer/domain';
import type { Config } from '../../config.ts';

/** How many leading bytes are kept for the content check. */
const HEAD_BYTES = 4096;

export const attachmentsDir = (config: Pick<Config, 'dataDir'>) => path.join(config.dataDir, 'attachments');

const storagePath = (config: Pick<Config, 'dataDir'>, key: string) => {
  // Keys are our own UUIDs; refuse anything that could leave the folder all the same.
  if (!/^[0-9a-f-]{36}$/.test(key)) throw new Error(`Not a storage key: ${key}`);
  return path.join(attachmentsDir(config), key);
};

export type StagedUpload = { tempPath: string; sizeBytes: number; sha256: string; head: Buffer; truncated: boolean };

/**
 * Streams an upload into a temporary file. `truncated` is true when the stream ended because the
 * multipart size limit was hit; the caller refuses the upload and discards the file.
 */
export async function stageUpload(config: Pick<Config, 'dataDir'>, source: Readable & { truncated?: boolean }): Promise<StagedUpload> {
  const dir = attachmentsDir(config);
  await fsp.mkdir(dir, { recursive: true });
  const tempPath = path.join(dir, `.upload-${crypto.randomBytes(12).toString('hex')}`);
  const hash = crypto.createHash('sha256');
  let sizeBytes = 0;
  const head: Buffer[] = [];
  let headBytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      sizeBytes += chunk.length;
      if (headBytes < HEAD_BYTES) {
        head.push(chunk.subarray(0, HEAD_BYTES - headBytes));
        headBytes += Math.min(chunk.length, HEAD_BYTES - headBytes);
      }
      callback(null, chunk);
    },
  });
  try {
    await pipeline(source, tap, fs.createWriteStream(tempPath, { flags: 'wx' }));
  } catch (error) {
    await discardUpload(tempPath);
    throw error;
  }
  return { tempPath, sizeBytes, sha256: hash.digest('hex'), head: Buffer.concat(head), truncated: source.truncated === true };
}

export async function discardUpload(tempPath: string): Promise<void> {
  await fsp.rm(tempPath, { force: true });
}

/** Moves a staged upload into place under its key (an atomic rename inside the folder). */
export async function commitUpload(config: Pick<Config, 'dataDir'>, tempPath: string, key: string): Promise<void> {
  await fsp.rename(tempPath, storagePath(config, key));
}

/** Removes a stored file (used only when the record that named it could not be written). */
export async function removeStored(config: Pick<Config, 'dataDir'>, key: string): Promise<void> {
  await fsp.rm(storagePath(config, key), { force: true });
}

/** A read stream of a stored file, or null when the file is missing. */
export async function openStored(config: Pick<Config, 'dataDir'>, key: string): Promise<fs.ReadStream | null> {
  const file = storagePath(config, key);
  try {
    await fsp.access(file, fs.constants.R_OK);
  } catch {
    return null;
  }
  return fs.createReadStream(file);
}

const startsWith = (head: Buffer, bytes: number[]) => head.length >= bytes.length && bytes.every((b, i) => head[i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // legacy Office (doc, xls, ppt)
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // Office Open XML (docx, xlsx, pptx) are zip files
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Does the content look like its extension? Binary formats by their signatures; plain text by the
 * absence of NUL bytes (UTF-8 and GB18030 text have none) and of the executable signatures.
 */
export function contentMatches(ext: AttachmentExtension, head: Buffer): boolean {
  switch (ext) {
    case 'pdf':
      return startsWith(head, PDF);
    case 'doc':
    case 'xls':
    case 'ppt':
      return startsWith(head, OLE2);
    case 'docx':
    case 'xlsx':
    case 'pptx':
      return startsWith(head, ZIP);
    case 'jpg':
    case 'jpeg':
      return startsWith(head, JPEG);
    case 'png':
      return startsWith(head, PNG);
    case 'txt':
      return !head.includes(0) && !startsWith(head, [0x4d, 0x5a]) && !startsWith(head, [0x7f, 0x45, 0x4c, 0x46]);
  }
}
