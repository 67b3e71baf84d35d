/**
 * The notices of saving beside other tabs and other saves (loaded when one is first needed: they are
 * rare, and the first page load carries none of them): another tab saved a newer design (opened here, or
 * the person chooses), two saves found at start, IndexedDB that did not answer.
 */
import { loadDesign } from './commands';
import { documentStore, type DocumentState } from './document';
import {
  backupPrefix,
  documentRecord,
  saveFailure,
  type KeptSave,
  type LoadOutcome,
  type SaveMeta,
  type Saver,
  type SaveStore,
} from './persist';
import { dismissNotice, notify, sessionStore, updateNotice } from './session';

/** When a save was made, in words. */
function when(savedAt: number): string {
  return savedAt > 0 ? `at ${new Date(savedAt).toLocaleString()}` : 'by an earlier version (time unknown)';
}

/** The notice asking the person to choose between another tab's newer design and this tab's. */
let conflictNotice: number | undefined;

/** Asks the person to choose between another tab's newer design and this tab's. */
export function askOtherTab(s: Saver, theirs: SaveMeta, kept: string): void {
  const lines = [
    `Another tab saved its design ${when(theirs.savedAt)}, and this tab has changes of its own.`,
    `Neither is saved over the other: this tab's design is kept under "${kept}" until you choose.`,
    "Load theirs opens the other tab's design here (Undo brings yours back). Keep mine saves this one as the design; the other tab's is kept aside and that tab is told.",
  ];
  const id = conflictNotice;
  if (id !== undefined && sessionStore.getState().notices.some((n) => n.id === id))
    return updateNotice(id, { lines });
  const shown = notify('error', 'This design was changed in another tab', lines);
  conflictNotice = shown;
  updateNotice(shown, {
    action: {
      label: 'Load theirs',
      run: () => {
        dismissNotice(shown);
        void s.loadTheirs().then((aside) => {
          if (aside)
            notify('info', "Opened the other tab's design", [
              `This tab's design is kept under "${aside}"; Undo (Ctrl+Z) brings it back.`,
            ]);
        });
      },
    },
    actions: [
      {
        label: 'Keep mine',
        run: () => {
          dismissNotice(shown);
          void s.keepMine().then((kept) => {
            if (kept)
              notify('info', "Kept this tab's design", [
                kept.replaced
                  ? `It is the saved design now; the other tab's is kept under "${kept.replaced}", and that tab is told.`
                  : 'It is the saved design now, and the other tab is told.',
              ]);
          });
        },
      },
    ],
  });
}

/**
 * Says that a newer design saved in another tab opened here (`theirs.replaced`: that tab kept its design
 * over this one's, which it kept there); `shown`: the design this tab showed.
 */
export function openedTheirs(theirs: SaveMeta, shown: DocumentState): void {
  const replaced = theirs.replaced;
  const id = notify('info', 'Opened the newer design saved in another tab', [
    `It was saved ${when(theirs.savedAt)}; this tab had no changes of its own since.`,
    replaced
      ? `The other tab kept its design over this tab's, which is kept under "${replaced}".`
      : "Undo (Ctrl+Z) brings back what this tab showed (the other tab's design is then kept aside).",
  ]);
  // This tab's design was replaced by the other's choice: the notice stays, with the way back. Its save
  // keeps the other tab's design aside first (the Saver does, as for Keep mine), and says where.
  if (replaced)
    updateNotice(id, {
      action: {
        label: "Bring back this tab's design",
        run: () => {
          dismissNotice(id);
          loadDesign(shown.objects, { seed: shown.seed, positions: shown.positions });
        },
      },
    });
}

/**
 * What this tab showed before another tab's design opened here is the saved design again (Undo, Bring
 * back): the other tab's design it replaced is kept under `replaced`.
 */
export function broughtBack(replaced: string): void {
  notify('info', "This tab's design is the saved one again", [
    `The other tab's design it replaced is kept under "${replaced}".`,
  ]);
}

/** IndexedDB did not answer at start: says where the design is kept meanwhile. */
export function notAnswered(hasLocalStorage: boolean): void {
  notify('error', "The browser's database did not answer in time", [
    'A design saved there is not lost: reload the page to try again.',
    hasLocalStorage
      ? "Meanwhile this page opened what the browser's localStorage holds and saves your changes there. At the next start the newer of the two saves opens and the other is kept aside."
      : 'Meanwhile nothing is saved: export the design to keep a copy.',
  ]);
}

/** The number of objects of a design, in words. */
function objectCount(doc: DocumentState): string {
  return `${doc.objects.length} object${doc.objects.length === 1 ? '' : 's'}`;
}

/**
 * Opens `other` (from notice `id`) once the open design is kept aside under backupPrefix('older-save'),
 * then `opened()`.
 */
function openKept(id: number, other: KeptSave, saveStore: SaveStore, opened?: () => void): void {
  dismissNotice(id);
  const shown = documentStore.getState();
  const key = `${backupPrefix('older-save')}${Date.now()}`;
  void saveStore
    .commit([[key, documentRecord(shown)]])
    .then(() => {
      loadDesign(other.doc.objects, { seed: other.doc.seed, positions: other.doc.positions });
      notify('info', 'Opened the other saved design', [
        `The one that was open is kept under "${key}"; Undo (Ctrl+Z) brings it back.`,
      ]);
      opened?.();
    })
    .catch((e: unknown) =>
      notify('error', 'Could not keep a copy of the open design, so the other was not opened', [
        saveFailure(e),
      ]),
    );
}

/** Both IndexedDB and localStorage held a design: the newer is open; says so, and offers the other. */
export function offerOtherSave(outcome: LoadOutcome, saveStore: SaveStore): void {
  const other = outcome.other;
  if (!other || !outcome.doc) return;
  const id = notify('info', 'Two saved designs were found: the newer one is open', [
    `Open: the design saved ${when(outcome.savedAt ?? 0)} (${objectCount(outcome.doc)}).`,
    `The other, saved ${when(other.savedAt)} in ${other.from} (${objectCount(other.doc)}), is kept under "${other.key}".`,
  ]);
  updateNotice(id, { action: { label: 'Open the other', run: () => openKept(id, other, saveStore) } });
}

/**
 * Tabs kept designs of their own beside the saved one (different from it, whatever their age), and their
 * person had not chosen (such a tab may have closed): says where, and offers the newest, then the next.
 * Open it keeps the open design aside and opens that one, whose copy goes with its save (the Saver's
 * removeWithSave); Discard it removes the copy. A notice closed without a choice leaves the copies where
 * they are, offered again at the next start.
 */
export function offerTabCopy(copies: KeptSave[], saveStore: SaveStore, saver: Saver): void {
  const newest = copies[copies.length - 1];
  if (!newest) return;
  const rest = copies.slice(0, -1);
  const next = () => offerTabCopy(rest, saveStore, saver);
  const id = notify('info', 'A design of another tab is kept beside the saved one', [
    `That tab had changes of its own when another tab saved first, and nothing was chosen between them.`,
    `It was saved ${when(newest.savedAt)} (${objectCount(newest.doc)}) and is kept under "${newest.key}".`,
    ...(rest.length > 0 ? [`${rest.length} older one(s) too, offered after this one.`] : []),
  ]);
  updateNotice(id, {
    action: {
      label: 'Open it',
      run: () =>
        openKept(id, newest, saveStore, () => {
          saver.removeWithSave(newest.key);
          next();
        }),
    },
    actions: [
      {
        label: 'Discard it',
        run: () => {
          dismissNotice(id);
          void saveStore.commit([], [newest.key]).then(
            () => {
              notify('info', "The other tab's design was discarded", [`"${newest.key}" is removed.`]);
              next();
            },
            (e: unknown) =>
              notify('error', "Could not discard the other tab's design", [
                saveFailure(e),
                `It stays under "${newest.key}".`,
              ]),
          );
        },
      },
    ],
  });
}
