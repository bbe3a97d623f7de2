// Signed score packets (.sailscores, issue 14): an expert's reviews as canonical JSON, signed
// with their package's Ed25519 key over the exact bytes of that JSON. The file is JSON too:
//
//   {"format": "sailscores", "format_version": 2, "body": "<canonical JSON>", "signature": "<base64>"}
//
// Format 2 adds the expert's recusals to the body; format 1 (reviews only) is still read.
// Reading checks the file's shape; the caller verifies the signature (over the body's exact
// bytes, however they are spelled) with the public key the organiser's project recorded for the
// package it names.
import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { basename } from 'node:path';
import { canonicalJson } from '../../core/canonical-json';
import { SailError } from '../../core/errors';
import type { PacketBody, PacketRecusal, PacketReview } from '../../core/packet-merge';
import { readUserFile } from '../user-file';

export const PACKET_FORMAT = 'sailscores';
export const PACKET_FORMAT_VERSION = 2;
/** The versions this reader takes: the current one and those written before it. */
const READABLE_VERSIONS: readonly unknown[] = [1, PACKET_FORMAT_VERSION];
/** 45,000 reviews are about 15 MB; a packet holds one expert's. */
export const PACKET_MAX_BYTES = 64 * 1024 * 1024;

export interface SignedPacket {
  body: PacketBody;
  /** The exact bytes signed. */
  signed: Buffer;
  signature: Buffer;
  /** SHA-256 of the whole file: the packet's id in the audit trail. */
  sha256: string;
}

/** The packet's file text: `body` canonical, signed with the package's private key. */
export function writePacket(body: PacketBody, privateKey: string): string {
  const signed = canonicalJson(body);
  const key = createPrivateKey({
    key: Buffer.from(privateKey, 'base64'),
    format: 'der',
    type: 'pkcs8',
  });
  const signature = sign(null, Buffer.from(signed, 'utf8'), key).toString('base64');
  return `${JSON.stringify({ format: PACKET_FORMAT, format_version: body.format_version, body: signed, signature })}\n`;
}

/** True when `signature` is the package's over `signed`. */
export function signatureHolds(signed: Buffer, signature: Buffer, publicKey: string): boolean {
  try {
    const key = createPublicKey({
      key: Buffer.from(publicKey, 'base64'),
      format: 'der',
      type: 'spki',
    });
    return verify(null, signed, key, signature);
  } catch {
    return false;
  }
}

function refused(name: string, zh: string, en: string): SailError {
  return new SailError(
    'packet_invalid',
    `评分包“${name}”无法导入：${zh}。未写入任何内容。`,
    `The score packet "${name}" cannot be imported: ${en}. Nothing was written.`,
  );
}

type Check = (value: unknown) => boolean;
const isString: Check = (v) => typeof v === 'string';
const isCount: Check = (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `value` has exactly these fields, each passing its check; the first field that does not, or null. */
function badField(value: Record<string, unknown>, fields: Record<string, Check>): string | null {
  for (const [field, check] of Object.entries(fields)) {
    if (!Object.hasOwn(value, field) || !check(value[field])) return field;
  }
  const extra = Object.keys(value).find((key) => !Object.hasOwn(fields, key));
  return extra ?? null;
}

const REVIEW_FIELDS: Record<string, Check> = {
  entry_id: isString,
  rubric: (v) =>
    isRecord(v) &&
    badField(v, { sector: isString, version: (n) => isCount(n) && n !== 0 }) === null,
  status: (v) => v === 'draft' || v === 'submitted',
  version: (v) => isCount(v) && v !== 0,
  base_version: isCount,
  comment: isString,
  scores: (v) =>
    isRecord(v) &&
    Object.values(v).every((points) => typeof points === 'number' && Number.isFinite(points)),
  gates: (v) =>
    isRecord(v) && Object.values(v).every((answer) => answer === 'pass' || answer === 'fail'),
  updated_at: isString,
  submitted_at: (v) => v === null || isString(v),
};

const RECUSAL_FIELDS: Record<string, Check> = {
  entry_id: isString,
  reason: isString,
  declared_at: isString,
};

/** Format 1's body; format 2 adds `recusals`. */
const BODY_FIELDS_1: Record<string, Check> = {
  format: (v) => v === PACKET_FORMAT,
  format_version: (v) => v === 1,
  project_uuid: isString,
  round_uuid: isString,
  round: isString,
  reviewer_id: isString,
  package_uuid: isString,
  sequence: (v) => isCount(v) && v !== 0,
  created_at: isString,
  reviews: (v) =>
    Array.isArray(v) &&
    v.every((review) => isRecord(review) && badField(review, REVIEW_FIELDS) === null),
};

const BODY_FIELDS: Record<string, Check> = {
  ...BODY_FIELDS_1,
  format_version: (v) => v === PACKET_FORMAT_VERSION,
  recusals: (v) =>
    Array.isArray(v) &&
    v.every((recusal) => isRecord(recusal) && badField(recusal, RECUSAL_FIELDS) === null),
};

/**
 * Reads a packet file (a regular file under the cap), checking its shape; the signature is
 * checked by the caller against the package's recorded key. Anything else is refused.
 */
export async function readPacket(path: string, name = basename(path)): Promise<SignedPacket> {
  const bytes = await readUserFile(path, PACKET_MAX_BYTES, name);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let outer: unknown;
  try {
    outer = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw refused(
      name,
      '不是完整的评分包（JSON 不完整或已损坏）',
      'it is not a whole score packet (its JSON is cut short or damaged)',
    );
  }
  if (!isRecord(outer) || outer.format !== PACKET_FORMAT) {
    throw refused(name, '不是评分包文件', 'it is not a score packet file');
  }
  if (!READABLE_VERSIONS.includes(outer.format_version)) {
    throw refused(
      name,
      `格式版本 ${String(outer.format_version)} 不受本程序支持`,
      `its format version ${String(outer.format_version)} is not one this SailReview reads`,
    );
  }
  const outerBad = badField(outer, {
    format: isString,
    format_version: isCount,
    body: isString,
    signature: isString,
  });
  if (outerBad !== null) {
    throw refused(
      name,
      `字段 ${outerBad} 缺失或不正确`,
      `its field ${outerBad} is missing or wrong`,
    );
  }
  const signed = Buffer.from(outer.body as string, 'utf8');
  const signature = Buffer.from(outer.signature as string, 'base64');
  let body: unknown;
  try {
    body = JSON.parse(outer.body as string);
  } catch {
    throw refused(name, '内容已损坏', 'its content is damaged');
  }
  if (!isRecord(body)) throw refused(name, '内容已损坏', 'its content is damaged');
  const bodyBad = badField(body, outer.format_version === 1 ? BODY_FIELDS_1 : BODY_FIELDS);
  if (bodyBad !== null) {
    throw refused(
      name,
      `内容字段 ${bodyBad} 缺失或不正确`,
      `its field ${bodyBad} is missing or wrong`,
    );
  }
  return { body: body as unknown as PacketBody, signed, signature, sha256 };
}

export type { PacketBody, PacketRecusal, PacketReview };
