// One open project file. Every write runs through `write`, which wraps it in a transaction
// together with its audit event, so history, the hash chain and merges need nothing from callers.
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { SailError } from '../core/errors';
import type { ProjectBackup } from '../core/domain';
import type { KeyObject } from 'node:crypto';
import { AuditTrail, type AuditEventInput } from './audit';
import { backupProject, newestBackupChange } from './backups';
import type { RowLabel, SealCheck } from '../core/chain';
import {
  certifyPackage,
  ChainSeal,
  packageSigner,
  type HeadSigner,
  type OrganiserKeys,
} from './chain-seal';
import { changeLog, type ChangeLog } from './change-log';
import {
  openDatabase,
  openImage,
  openingProblem,
  schemaVersion,
  type Db,
  type OpenOptions,
} from './database';
import { AssignmentRepository } from './repos/assignments';
import { AttachmentRepository } from './repos/attachments';
import { ColumnMappingRepository } from './repos/column-mappings';
import { ConflictRepository } from './repos/conflicts';
import { DeferralRepository } from './repos/deferrals';
import { DeskRepository } from './repos/desk';
import { DuplicateDecisionRepository } from './repos/duplicate-decisions';
import { EntryRepository } from './repos/entries';
import { ExportRepository } from './repos/exports';
import { ImportRepository } from './repos/imports';
import { ProgressRepository } from './repos/progress';
import { PackageRepository } from './repos/packages';
import { ReviewHistoryRepository } from './repos/review-history';
import { ReviewRepository } from './repos/reviews';
import { ReviewerRepository } from './repos/reviewers';
import { RoundRepository } from './repos/rounds';
import { RubricRepository } from './repos/rubrics';
import { ShortlistRepository } from './repos/shortlists';
import { checkFilePages, type FileCheck } from './integrity';
import { copyPanel, type PanelSpec } from './panel-image';
import { RowJournal, type RowCheck } from './row-journal';
import { rowLabel } from './row-labels';

export interface ProjectRecord {
  uuid: string;
  name: string;
  kind: 'project' | 'panel';
  created_at: string;
}

/** The project's data checked against its audit chain and the chain's signed head. */
export interface ChainVerification {
  events: number;
  /** The first event whose hash does not hold, or null. */
  brokenAt: number | null;
  rows: RowCheck;
  seal: SealCheck;
}

export interface StoreOptions {
  nativeBinding?: string | undefined;
  /** The organiser's keys: each write signs the chain's head (none: heads stay unsigned). */
  keys?: OrganiserKeys | undefined;
}

/** The audit events recording page checks are about this subject (found by its index). */
const PAGE_CHECK_SUBJECT = 'quick_check';

export class ProjectStore {
  readonly entries: EntryRepository;
  readonly imports: ImportRepository;
  readonly columnMappings: ColumnMappingRepository;
  readonly rubrics: RubricRepository;
  readonly reviewers: ReviewerRepository;
  readonly rounds: RoundRepository;
  readonly reviews: ReviewRepository;
  readonly reviewHistory: ReviewHistoryRepository;
  readonly exports: ExportRepository;
  readonly attachments: AttachmentRepository;
  readonly shortlists: ShortlistRepository;
  readonly duplicateDecisions: DuplicateDecisionRepository;
  readonly conflicts: ConflictRepository;
  readonly assignments: AssignmentRepository;
  readonly desk: DeskRepository;
  readonly deferrals: DeferralRepository;
  readonly progress: ProgressRepository;
  readonly packages: PackageRepository;
  private readonly audit: AuditTrail;
  private readonly journal: RowJournal;
  private readonly chainSeal: ChainSeal;
  /** How many writes are running (a write inside a write's change is nested). */
  private writeDepth = 0;
  /** A package's own key, once its first write signs with it. */
  private packageKey: HeadSigner | undefined;

  // The connection stays inside the store: every write goes through `write` with its audit event.
  private constructor(
    private readonly db: Db,
    readonly path: string,
    private readonly keys: OrganiserKeys | undefined,
    /** For a project held in memory (an encrypted package): stores its image with each write. */
    private readonly saveImage: ((image: Buffer) => void) | null = null,
    /** The better-sqlite3 binary it was opened with: a worker's own connection needs it too. */
    readonly nativeBinding?: string | undefined,
  ) {
    this.entries = new EntryRepository(db);
    this.imports = new ImportRepository(db);
    this.columnMappings = new ColumnMappingRepository(db);
    this.rubrics = new RubricRepository(db);
    this.reviewers = new ReviewerRepository(db);
    this.rounds = new RoundRepository(db);
    this.reviews = new ReviewRepository(db);
    this.reviewHistory = new ReviewHistoryRepository(db);
    this.exports = new ExportRepository(db);
    this.attachments = new AttachmentRepository(db);
    this.shortlists = new ShortlistRepository(db);
    this.duplicateDecisions = new DuplicateDecisionRepository(db);
    this.conflicts = new ConflictRepository(db);
    this.assignments = new AssignmentRepository(db);
    this.desk = new DeskRepository(db);
    this.deferrals = new DeferralRepository(db);
    this.progress = new ProgressRepository(db);
    this.packages = new PackageRepository(db);
    this.audit = new AuditTrail(db);
    this.journal = new RowJournal(db);
    this.chainSeal = new ChainSeal(db);
  }

  /** Creates a new project file; refuses to overwrite an existing one. */
  static create(
    path: string,
    options: StoreOptions & { name?: string | undefined } = {},
  ): ProjectStore {
    const db = openDatabase(path, { create: true, nativeBinding: options.nativeBinding });
    const store = new ProjectStore(db, path, options.keys, null, options.nativeBinding);
    if (store.projectRow()) {
      db.close();
      throw new SailError(
        'project_exists',
        `项目文件已存在：${path}。请打开它，或换一个文件名。`,
        `A project already exists at ${path}. Open it, or choose another file name.`,
      );
    }
    const name = options.name?.trim() || basename(path).replace(/\.[^.]+$/, '');
    store.write({ action: 'project.create', subject: path, payload: { name } }, () => {
      // The rows the migrations seeded (sectors) are the first event's too.
      store.journal.journalAll();
      db.prepare(
        "INSERT INTO project (id, uuid, name, kind, created_at) VALUES (1, ?, ?, 'project', ?)",
      ).run(randomUUID(), name, new Date().toISOString());
    });
    return store;
  }

  static open(path: string, options: StoreOptions = {}): ProjectStore {
    return ProjectStore.opened(
      openDatabase(path, { nativeBinding: options.nativeBinding }),
      path,
      options.keys,
      undefined,
      options.nativeBinding,
    );
  }

  /** The store over a database just opened, which must hold a project (closed if not). */
  private static opened(
    db: Db,
    path: string,
    keys: OrganiserKeys | undefined,
    saveImage?: (image: Buffer) => void,
    nativeBinding?: string,
  ): ProjectStore {
    let store: ProjectStore;
    try {
      // Preparing the statements reads the schema: a damaged one fails here.
      store = new ProjectStore(db, path, keys, saveImage ?? null, nativeBinding);
      if (store.projectRow()) return store;
    } catch (error) {
      db.close();
      throw openingProblem(path, error);
    }
    db.close();
    throw new SailError(
      'not_a_project',
      `${path} 不是扬帆评审项目文件（缺少项目信息）。`,
      `${path} is not a SailReview project (no project record).`,
    );
  }

  /**
   * A project held in memory only (an encrypted package, decrypted): `saveImage` gets its whole
   * image after every write transaction commits, so the file on disk holds each write.
   */
  static openImage(
    image: Buffer,
    path: string,
    saveImage: (image: Buffer) => void,
    options: StoreOptions = {},
  ): ProjectStore {
    return ProjectStore.opened(
      openImage(image, path, { nativeBinding: options.nativeBinding }),
      path,
      options.keys,
      saveImage,
    );
  }

  /**
   * The image of a panel package of this project (store/panel-image.ts), built in memory from one
   * snapshot of this file: call it inside `atomically`, so that what it copies is what the
   * caller then records. Returns the image and each packaged review's version (entry row id →
   * version, 0 for none): the merge baseline.
   */
  panelImage(spec: PanelSpec, options: Pick<OpenOptions, 'nativeBinding'> = {}) {
    const db = openImage(null, spec.file, options);
    try {
      // The organiser vouches for the package's key: its chain is signed with that key, here
      // and on the expert's laptop, where the organiser's key is not.
      const certificate = this.keys
        ? certifyPackage(
            {
              project_uuid: this.project.uuid,
              package_uuid: spec.package.uuid,
              round_uuid: spec.round_uuid,
              reviewer_id: spec.reviewer_external_id,
              public_key: spec.package.public_key,
            },
            this.keys.signer(),
          )
        : { certified_by: null, certificate: null };
      const baselines = copyPanel(db, this.path, spec);
      const panel = new ProjectStore(db, spec.file, undefined);
      panel.write(
        {
          action: 'panel.create',
          subject: spec.package.uuid,
          payload: {
            round: spec.round_uuid,
            reviewer: spec.reviewer_external_id,
            entries: baselines.size,
            include_contacts: spec.package.include_contacts === 1,
          },
        },
        () => {
          // The copied rows are this first event's, as a new project's seeded rows are.
          panel.journal.journalAll();
          // The package keeps only the baselines its packets need: a review it holds from the
          // start (every other entry's is 0), not a row per entry (the organiser keeps those).
          panel.packages.insert(
            { ...spec.package, ...certificate },
            new Map([...baselines].filter(([, version]) => version > 0)),
          );
        },
      );
      // Rebuilt page by page: nothing of the copy's intermediate states stays in the image.
      db.exec('VACUUM');
      return { image: db.serialize(), baselines, certificate };
    } finally {
      db.close();
    }
  }

  /** True for a project held in memory (an encrypted package): it has no file to back up. */
  get inMemory(): boolean {
    return this.saveImage !== null;
  }

  get project(): ProjectRecord {
    const row = this.projectRow();
    if (!row) throw new Error('project record missing');
    return row;
  }

  get schemaVersion(): number {
    return schemaVersion(this.db);
  }

  /**
   * Runs `change` and appends its audit event in one immediate transaction: the event covers
   * the digest of the rows the change wrote (the journal's triggers recorded them), and the
   * chain's new head is signed with the organiser's key.
   */
  write<T>(event: AuditEventInput, change: () => T): T {
    return this.transaction(() => {
      const from = this.journal.begin(this.writeDepth === 0);
      this.writeDepth += 1;
      try {
        const result = change();
        const seq = this.audit.nextSeq();
        const head = this.audit.append(event, this.journal.flush(from, seq));
        const signer = this.headSigner();
        if (signer) this.chainSeal.seal(head, signer);
        return result;
      } catch (error) {
        this.journal.rollback(from);
        throw error;
      } finally {
        this.writeDepth -= 1;
      }
    });
  }

  /** A package signs with its own key wherever it is; a project with the organiser's. */
  private headSigner(): HeadSigner | undefined {
    if (this.packageKey) return this.packageKey;
    if (this.project.kind !== 'panel') return this.keys?.signer();
    const own = this.packages.own();
    if (!own?.private_key) return undefined;
    this.packageKey = packageSigner(own.public_key, own.private_key);
    return this.packageKey;
  }

  /**
   * Runs `work` in one immediate transaction, so what it reads before writing (a status it
   * checks, a review it merges into, rows it compares) is what its write changes: no other
   * process writes in between. Its writes still go through `write`, each with its audit event.
   */
  atomically<T>(work: () => T): T {
    return this.transaction(work);
  }

  /** An immediate transaction; the outermost one of a project in memory stores its image. */
  private transaction<T>(work: () => T): T {
    const outermost = !this.db.inTransaction;
    const result = this.db.transaction(work).immediate();
    if (outermost && this.saveImage) this.storeImage(this.saveImage);
    return result;
  }

  /**
   * Stores a project in memory after a write commits. Failing that (a full disk), the change
   * cannot stay in memory alone: the project is closed, and opening the file again goes on from
   * its last stored write.
   */
  private storeImage(saveImage: (image: Buffer) => void): void {
    try {
      saveImage(this.db.serialize());
    } catch (error) {
      this.db.close();
      const reason =
        error instanceof SailError
          ? { zh: error.message_zh, en: error.message_en }
          : { zh: String(error), en: String(error) };
      throw new SailError(
        'package_unsaved',
        `最后一次修改未能写入文件，未保存，文件已关闭：${reason.zh} 处理后请重新打开它，继续在上次保存的内容上工作。`,
        `The last change could not be written to the file, so it was not kept and the file was closed: ${reason.en} Once that is dealt with, open it again to go on from what was last saved.`,
      );
    }
  }

  /**
   * Runs `work` in one read transaction: everything it reads is of one snapshot, whatever other
   * processes commit meanwhile. It takes no write lock (unlike `atomically`) and must not write.
   */
  readSnapshot<T>(work: () => T): T {
    return this.db.transaction(work).deferred();
  }

  /** What changed since a version of the data, for caches derived from it (the ranking's inputs). */
  get changes(): ChangeLog {
    return changeLog(this.db);
  }

  /** Copies the project into its backup folder (store/backups.ts), keeping the newest `kept`. */
  backup(at?: Date, kept?: number): Promise<ProjectBackup> {
    if (this.inMemory) {
      // A backup is a plain copy beside the file: an encrypted package must never have one.
      return Promise.reject(
        new SailError(
          'backup_encrypted',
          '加密的评审包不做自动备份：备份会以明文保存在磁盘上。文件本身在每次保存后即已加密写入。',
          'An encrypted panel package is not backed up: a backup would lie on disk unencrypted. The file itself is written, encrypted, after every save.',
        ),
      );
    }
    return backupProject(this.db, this.path, at, kept);
  }

  /** False once closed (by the session, while a long read still holds the store). */
  get isOpen(): boolean {
    return this.db.open;
  }

  /** The number of the last write (its audit event), by this process or another one. */
  lastWrite(): number {
    return this.audit.lastSeq();
  }

  /** The data's state as a backup sees it: the newest event that changed it (`seq:hash`). */
  lastChange(): string | null {
    return this.audit.lastChange();
  }

  /** The same of the newest backup: equal when it already holds what the project holds. */
  newestBackupChange(): string | null {
    return this.inMemory ? null : newestBackupChange(this.path, this.nativeBinding);
  }

  verifyAudit(): { events: number; brokenAt: number | null } {
    const { events, brokenAt } = this.audit.verify();
    return { events, brokenAt };
  }

  /**
   * Recomputes the chain, each event's digest of the rows it wrote and each stored row's hash,
   * and checks the signed head with the key `keyFor` finds (default: the key store's).
   */
  verifyChain(
    keyFor: (fingerprint: string) => KeyObject | null = (fingerprint) =>
      this.keys?.publicKey(fingerprint) ?? null,
  ): ChainVerification {
    return this.readSnapshot(() => {
      const chain = this.audit.verify();
      const rows = this.journal.check(chain.rowDigests, chain.journalledFromStart);
      const required = chain.rowDigests.size > 0;
      const own = this.project.kind === 'panel' ? this.packages.own() : undefined;
      const round = own && this.rounds.byId(own.round_id);
      const reviewer = own && this.reviewers.byId(own.reviewer_id);
      const seal =
        own && round && reviewer
          ? this.chainSeal.checkPackage(
              chain.head,
              required,
              {
                project_uuid: this.project.uuid,
                package_uuid: own.uuid,
                round_uuid: round.uuid,
                reviewer_id: reviewer.external_id,
                public_key: own.public_key,
                certified_by: own.certified_by,
                certificate: own.certificate,
                reviewer_name: reviewer.name,
              },
              keyFor,
            )
          : this.chainSeal.check(chain.head, required, keyFor);
      return { events: chain.events, brokenAt: chain.brokenAt, rows, seal };
    });
  }

  /** A journalled row in the review's terms, while the file has it (`verify` names it so). */
  describeRow(table: string, key: string): RowLabel | null {
    return rowLabel(this.db, table, key);
  }

  /**
   * Every page checked (quick_check) on a connection of its own in a worker thread, so the
   * window's calls are answered meanwhile; a project in memory (a decrypted package, small) on
   * its own connection.
   */
  checkPages(
    options: { nativeBinding?: string | undefined; signal?: AbortSignal } = {},
  ): Promise<FileCheck> {
    if (!this.inMemory) return checkFilePages(this.path, options);
    const started = performance.now();
    const result = this.db.pragma('quick_check', { simple: true });
    const seconds = Number(((performance.now() - started) / 1000).toFixed(3));
    return Promise.resolve({ result: String(result), seconds });
  }

  /**
   * Records a page check's result in the audit trail (what it found, how long it took); returns
   * the time recorded.
   */
  recordPageCheck(check: FileCheck): string {
    this.write(
      { action: 'project.check', subject: PAGE_CHECK_SUBJECT, payload: { ...check } },
      () => undefined,
    );
    return this.lastPageCheck()?.at ?? new Date().toISOString();
  }

  /** The last page check recorded, whichever process ran it; null when none was. */
  lastPageCheck(): (FileCheck & { at: string }) | null {
    const event = this.audit.lastEventAbout(PAGE_CHECK_SUBJECT);
    const payload = event?.payload as Partial<FileCheck> | null | undefined;
    return event && typeof payload?.result === 'string'
      ? { at: event.at, result: payload.result, seconds: payload.seconds ?? 0 }
      : null;
  }

  /** SQLite's full integrity check: 'ok' or the first problems it reports. */
  integrityCheck(): string {
    const rows = this.db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    return rows.map((row) => row.integrity_check).join('; ');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private projectRow(): ProjectRecord | undefined {
    return this.db
      .prepare<[], ProjectRecord>('SELECT uuid, name, kind, created_at FROM project WHERE id = 1')
      .get();
  }
}
