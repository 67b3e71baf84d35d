/**
 * What the API server refuses in an update of a PersistentVolumeClaim, in its order and words:
 *
 * 1. validation, ValidatePersistentVolumeClaimUpdate (pkg/apis/core/validation/validation.go), with
 *    RecoverVolumeExpansionFailure on (GA in 1.34):
 *    - the spec is immutable except `resources.requests` and `volumeAttributesClassName` of a *bound*
 *      claim (its status.phase), `volumeName` while it is empty (the PV controller binds through it), and a
 *      `storageClassName` given to a claim that had none (retroactive default StorageClass assignment, or
 *      the upgrade from the beta annotation): "spec: Forbidden: spec is immutable after creation except
 *      resources.requests and volumeAttributesClassName for bound claims", then the difference;
 *    - a request below the previous one only while it stays above status.capacity (to recover from an
 *      expansion that failed): "spec.resources.requests.storage: Forbidden: field can not be less than
 *      status.capacity";
 *    - `volumeMode` never changes ("volumeMode: Invalid value: ...: field is immutable", upstream's path);
 *    - the beta storage-class annotation never changes (ValidateImmutableAnnotation).
 *    All problems together are one Invalid error, as apierrors.NewInvalid words a list.
 * 2. the PersistentVolumeClaimResize validating admission plugin
 *    (plugin/pkg/admission/storage/persistentvolume/resize/admission.go), which runs after validation: a
 *    claim may grow only when bound, and only when its StorageClass has `allowVolumeExpansion: true`.
 *
 * So growing a claim that is not bound is refused by validation, before admission is asked.
 */
import { parseQuantity, value } from '../api/quantity';
import { goQuote, invalidValue } from '../api/validation';
import { deepEqual } from '../../lib';
import { ApiError, type UpdateCheck } from '../core/simulation';
import { ANN_BETA_STORAGE_CLASS, requestedBytes, type PVC, type SC } from './claims';

/** A refused claim update, in the API server's words and with its reason. */
export interface Refusal {
  reason: 'Invalid' | 'Forbidden';
  message: string;
}

/** ValidatePersistentVolumeClaimUpdate's words for a change to the spec it does not allow. */
export const CLAIM_SPEC_IMMUTABLE =
  'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims';

type Spec = NonNullable<PVC['spec']>;
/** A spec whose fields may be set to undefined (the clones the comparison works on). */
type Clone = { [K in keyof Spec]?: Spec[K] | undefined };

const storageOf = (pvc: PVC): string | undefined => pvc.spec?.resources?.requests?.storage;
const bytes = (q: string | undefined): number => (q === undefined ? 0 : value(q));

/** GetPersistentVolumeClaimClass: the beta annotation, else spec.storageClassName, else "". */
function claimClass(pvc: PVC): string {
  return pvc.metadata.annotations?.[ANN_BETA_STORAGE_CLASS] ?? pvc.spec?.storageClassName ?? '';
}

/** core.PersistentVolumeClaimSpec's fields, in the Go struct's order, with their Go names. */
const SPEC_FIELDS: ReadonlyArray<[keyof Spec, string]> = [
  ['accessModes', 'AccessModes'],
  ['selector', 'Selector'],
  ['resources', 'Resources'],
  ['volumeName', 'VolumeName'],
  ['storageClassName', 'StorageClassName'],
  ['volumeMode', 'VolumeMode'],
  ['dataSource', 'DataSource'],
  ['dataSourceRef', 'DataSourceRef'],
  ['volumeAttributesClassName', 'VolumeAttributesClassName'],
];
/** The fields that are pointers in the Go struct (cmp prints them `&"x"`, or nil). */
const POINTERS = new Set<keyof Spec>([
  'selector',
  'storageClassName',
  'volumeMode',
  'dataSource',
  'dataSourceRef',
  'volumeAttributesClassName',
]);

/**
 * apiequality.Semantic's view of a field: quantities compare by value ("1Gi" is "1024Mi"), an empty list
 * or map is no list or map.
 */
function semantic(v: unknown, inResources = false): unknown {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.length === 0 ? undefined : v.map((x) => semantic(x));
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const s =
        inResources && (k === 'requests' || k === 'limits')
          ? quantities(x as Record<string, unknown> | undefined)
          : semantic(x);
      if (s !== undefined) out[k] = s;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return v;
}

function quantities(m: Record<string, unknown> | undefined): unknown {
  if (!m) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, q] of Object.entries(m)) {
    const n = typeof q === 'string' || typeof q === 'number' ? parseQuantity(q) : undefined;
    out[k] = n ?? q;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

const sameField = (k: keyof Spec, a: Clone, b: Clone): boolean =>
  deepEqual(semantic(a[k], k === 'resources'), semantic(b[k], k === 'resources'));

/** A value as Go prints it in a cmp diff, in a compact form (field names capitalised, maps as `{k: v}`). */
function goValue(v: unknown, pointer = false, mapKeys = false, zero = '""'): string {
  if (v === undefined || v === null) return pointer ? 'nil' : zero;
  if (typeof v === 'string') return `${pointer ? '&' : ''}${goQuote(v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `{${v.map((x) => goValue(x)).join(', ')}}`;
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  const body = entries
    .map(([k, x]) => {
      const key = mapKeys ? `s${goQuote(k)}` : k.charAt(0).toUpperCase() + k.slice(1);
      const inner = typeof x === 'object' && x !== null && !Array.isArray(x);
      return `${key}: ${goValue(x, false, inner && (k === 'requests' || k === 'limits' || k === 'matchLabels'))}`;
    })
    .join(', ');
  return `${pointer ? '&' : ''}{${body}}`;
}

/**
 * The difference of two specs in the shape of cmp.Diff (github.com/google/go-cmp), which upstream appends
 * to the message: the struct, each changed field as `-` old and `+` new, two unchanged fields of context
 * each side and `... // N identical fields` for the rest. cmp deliberately varies its exact spacing from
 * run to run, and prints quantities as their Go structs; this gives its shape, with quantities as written.
 */
function specDiff(old: Clone, updated: Clone): string {
  const changed = SPEC_FIELDS.map(([k]) => !sameField(k, old, updated));
  const near = (i: number): boolean => changed.some((c, j) => c && Math.abs(i - j) <= 2);
  const width = Math.max(...SPEC_FIELDS.filter((_, i) => near(i)).map(([, g]) => g.length)) + 1;
  const line = (mark: string, go: string, v: string): string => `${mark} \t${`${go}:`.padEnd(width)} ${v},`;
  const out = ['  core.PersistentVolumeClaimSpec{'];
  let skipped = 0;
  const flush = () => {
    if (skipped > 0) out.push(`  \t... // ${skipped} identical field${skipped === 1 ? '' : 's'}`);
    skipped = 0;
  };
  SPEC_FIELDS.forEach(([k, go], i) => {
    const ptr = POINTERS.has(k);
    // The zero value of a field that is not a pointer: a nil slice, an empty struct, an empty string.
    const zero = k === 'accessModes' ? 'nil' : k === 'resources' ? '{}' : '""';
    const show = (v: unknown) => goValue(v, ptr, false, zero);
    if (changed[i]) {
      flush();
      out.push(line('-', go, show(old[k])), line('+', go, show(updated[k])));
    } else if (near(i)) {
      flush();
      out.push(line(' ', go, show(old[k])));
    } else skipped++;
  });
  flush();
  out.push('  }');
  return out.join('\n');
}

/**
 * ValidatePersistentVolumeClaimUpdate's errors for updating claim `old` to `updated` (its status the
 * stored one's), each as `path: Type: detail`.
 */
export function claimUpdateErrors(old: PVC, updated: PVC): string[] {
  const errs: string[] = [];
  const oldSpec: Spec = old.spec ?? {};
  const newSpec: Spec = updated.spec ?? {};
  const oldClone: Clone = { ...oldSpec };
  const newClone: Clone = { ...newSpec };
  // PVController needs to update PVC.Spec w/ VolumeName: volumeName changes are allowed once.
  if (!oldSpec.volumeName) oldClone.volumeName = newSpec.volumeName;
  const oldAnn = old.metadata.annotations ?? {};
  const newAnn = updated.metadata.annotations ?? {};
  const oldHasAnn = ANN_BETA_STORAGE_CLASS in oldAnn;
  const oldScAnn = oldAnn[ANN_BETA_STORAGE_CLASS];
  // validateStorageClassUpgradeFromAnnotation
  const fromAnnotation =
    oldHasAnn &&
    oldSpec.storageClassName === undefined &&
    newSpec.storageClassName !== undefined &&
    newSpec.storageClassName === oldScAnn &&
    (!(ANN_BETA_STORAGE_CLASS in newAnn) || newAnn[ANN_BETA_STORAGE_CLASS] === oldScAnn);
  if (fromAnnotation) delete newClone.storageClassName;
  else {
    // ValidateImmutableAnnotation: the beta storage-class annotation never changes.
    const was = oldAnn[ANN_BETA_STORAGE_CLASS] ?? '';
    const now = newAnn[ANN_BETA_STORAGE_CLASS] ?? '';
    if (was !== now)
      errs.push(
        invalidValue(`metadata.annotations.${ANN_BETA_STORAGE_CLASS}`, goQuote(now), 'field is immutable'),
      );
    // validateStorageClassUpgradeFromNil
    if (
      newSpec.storageClassName !== undefined &&
      oldSpec.storageClassName === undefined &&
      (!oldHasAnn || newSpec.storageClassName === oldScAnn)
    )
      newClone.storageClassName = oldClone.storageClassName;
  }
  const bound = updated.status?.phase === 'Bound';
  // A bound claim's storage request may change (then the size rules below).
  if (bound && newClone.resources?.requests) {
    const requests: Record<string, string> = { ...newClone.resources.requests };
    const oldStorage = storageOf(old);
    if (oldStorage === undefined) delete requests['storage'];
    else requests['storage'] = oldStorage;
    newClone.resources = { ...newClone.resources, requests };
  }
  if (bound && newClone.volumeAttributesClassName !== undefined)
    newClone.volumeAttributesClassName = oldClone.volumeAttributesClassName;
  if (SPEC_FIELDS.some(([k]) => !sameField(k, oldClone, newClone)))
    errs.push(`spec: Forbidden: ${CLAIM_SPEC_IMMUTABLE}\n${specDiff(oldClone, newClone)}`);
  const oldSize = requestedBytes(old);
  const newSize = requestedBytes(updated);
  const statusSize = bytes(old.status?.capacity?.['storage']);
  if (newSize < oldSize && newSize <= statusSize)
    errs.push('spec.resources.requests.storage: Forbidden: field can not be less than status.capacity');
  // ValidateImmutableField(newPvc.Spec.VolumeMode, oldPvc.Spec.VolumeMode, field.NewPath("volumeMode"))
  if ((newSpec.volumeMode ?? null) !== (oldSpec.volumeMode ?? null))
    errs.push(
      invalidValue(
        'volumeMode',
        newSpec.volumeMode === undefined ? 'null' : goQuote(newSpec.volumeMode),
        'field is immutable',
      ),
    );
  // VolumeAttributesClass (GA in 1.34): once set, it may not be cleared.
  const oldVac = oldSpec.volumeAttributesClassName;
  const newVac = newSpec.volumeAttributesClassName;
  if (oldVac !== undefined && oldVac !== newVac) {
    if (newVac === undefined)
      errs.push('spec.volumeAttributesClassName: Forbidden: update from non-nil value to nil is forbidden');
    else if (newVac === '')
      errs.push(
        'spec.volumeAttributesClassName: Forbidden: update from non-nil value to an empty string is forbidden',
      );
  }
  return errs;
}

/** apierrors.NewInvalid's message: one error as it is, several in brackets. */
function invalid(name: string, errs: string[]): Refusal {
  const body = errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
  return { reason: 'Invalid', message: `PersistentVolumeClaim "${name}" is invalid: ${body}` };
}

/**
 * The PersistentVolumeClaimResize admission plugin's refusal of updating claim `old` to `updated`, or
 * undefined. `classOf` looks a StorageClass up by name.
 */
export function claimResizeAdmission(
  old: PVC,
  updated: PVC,
  classOf: (name: string) => SC | undefined,
): Refusal | undefined {
  if (requestedBytes(updated) <= requestedBytes(old)) return undefined;
  const forbidden = (why: string): Refusal => ({
    reason: 'Forbidden',
    message: `persistentvolumeclaims "${updated.metadata.name}" is forbidden: ${why}`,
  });
  if (old.status?.phase !== 'Bound') return forbidden('Only bound persistent volume claims can be expanded');
  // allowResize: the class is named, unchanged, and allows expansion.
  const cls = claimClass(updated);
  const allowed = cls !== '' && cls === claimClass(old) && classOf(cls)?.allowVolumeExpansion === true;
  if (!allowed)
    return forbidden(
      'only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
    );
  return undefined;
}

/**
 * Why the API server refuses to update claim `old` to `updated` (the stored claim and the new one, its
 * status the stored one's), or undefined: validation first, then the resize admission plugin.
 */
export function claimUpdateRefusal(
  old: PVC,
  updated: PVC,
  classOf: (name: string) => SC | undefined,
): Refusal | undefined {
  const errs = claimUpdateErrors(old, updated);
  if (errs.length > 0) return invalid(updated.metadata.name, errs);
  return claimResizeAdmission(old, updated, classOf);
}

/** The API server's check of a claim update, as the simulation runs it on every update it is given. */
export const claimUpdateCheck: UpdateCheck = (old, updated, sim) => {
  if (old.kind !== 'PersistentVolumeClaim') return;
  const refusal = claimUpdateRefusal(old as PVC, updated as PVC, (n) =>
    sim.store.get<SC>('StorageClass', undefined, n),
  );
  if (refusal) throw new ApiError(refusal.message, refusal.reason);
};
