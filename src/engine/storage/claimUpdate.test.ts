import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import type { KubeObject, PersistentVolumeClaim } from '../api/types';
import { aNode } from '../testing/builders';
import { runCommand } from '../commands';
import { ApiError } from '../core/simulation';
import {
  CLAIM_SPEC_IMMUTABLE,
  claimResizeAdmission,
  claimUpdateErrors,
  claimUpdateRefusal,
} from './claimUpdate';
import type { SC } from './claims';

type PVC = PersistentVolumeClaim & KubeObject;

const DYNAMIC_ONLY =
  'only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize';

/** A claim as the admission and validation tests write them: class, request, status capacity and phase. */
function pvc(o: { cls?: string; request: string; capacity?: string; phase?: string; volume?: string }): PVC {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'foo', namespace: 'default' },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: o.request } },
      ...(o.cls !== undefined ? { storageClassName: o.cls } : {}),
      ...(o.volume ? { volumeName: o.volume } : {}),
    },
    status: {
      ...(o.phase ? { phase: o.phase } : {}),
      ...(o.capacity ? { capacity: { storage: o.capacity } } : {}),
    },
  };
}

const sc = (name: string, allow: boolean): SC => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name },
  provisioner: 'kubernetes.io/glusterfs',
  allowVolumeExpansion: allow,
});

describe('the PersistentVolumeClaimResize admission plugin, and the shrink rule', () => {
  // plugin/pkg/admission/storage/persistentvolume/resize/admission_test.go, TestPVCResizeAdmission
  const classes = new Map([
    ['gold', sc('gold', true)],
    ['silver', sc('silver', false)],
  ]);
  const admission: Array<{ name: string; old: PVC; updated: PVC; want: string | undefined }> = [
    {
      name: 'pvc-resize, update, no error',
      old: pvc({ cls: 'gold', request: '1Gi', capacity: '1Gi', phase: 'Bound', volume: 'volume1' }),
      updated: pvc({ cls: 'gold', request: '2Gi', capacity: '1Gi', phase: 'Bound', volume: 'volume1' }),
      want: undefined,
    },
    {
      name: 'pvc-resize, update, dynamically provisioned error (no class)',
      old: pvc({ request: '1Gi', capacity: '1Gi', phase: 'Bound', volume: 'volume3' }),
      updated: pvc({ request: '2Gi', capacity: '1Gi', phase: 'Bound', volume: 'volume3' }),
      want: `persistentvolumeclaims "foo" is forbidden: ${DYNAMIC_ONLY}`,
    },
    {
      name: 'pvc-resize, update, dynamically provisioned error (class without allowVolumeExpansion)',
      old: pvc({ cls: 'silver', request: '1Gi', capacity: '1Gi', phase: 'Bound', volume: 'volume4' }),
      updated: pvc({ cls: 'silver', request: '2Gi', capacity: '1Gi', phase: 'Bound', volume: 'volume4' }),
      want: `persistentvolumeclaims "foo" is forbidden: ${DYNAMIC_ONLY}`,
    },
    {
      name: 'PVC update with no change in size',
      old: pvc({ cls: 'silver', request: '1Gi', capacity: '0Gi', phase: 'Pending' }),
      updated: pvc({ cls: 'silver', request: '1Gi', capacity: '1Gi', phase: 'Bound', volume: 'volume4' }),
      want: undefined,
    },
    {
      name: 'expand pvc in pending state',
      old: pvc({ cls: 'silver', request: '1Gi', capacity: '0Gi', phase: 'Pending' }),
      updated: pvc({ cls: 'silver', request: '2Gi', capacity: '0Gi', phase: 'Pending' }),
      want: 'persistentvolumeclaims "foo" is forbidden: Only bound persistent volume claims can be expanded',
    },
  ];
  for (const c of admission)
    it(`admission: ${c.name}`, () => {
      expect(claimResizeAdmission(c.old, c.updated, (n) => classes.get(n))?.message).toBe(c.want);
    });

  // pkg/apis/core/validation/validation_test.go, TestValidatePersistentVolumeClaimUpdate, the storage
  // cases with RecoverVolumeExpansionFailure on (GA in 1.34).
  const SHRINK = `PersistentVolumeClaim "foo" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity`;
  const validation: Array<{ name: string; old: PVC; updated: PVC; want: string | undefined }> = [
    {
      name: 'valid-expand-shrink-resize-enabled (down to above status.capacity, to recover)',
      old: pvc({ cls: 'gold', request: '15G', capacity: '10G', phase: 'Bound', volume: 'v' }),
      updated: pvc({ cls: 'gold', request: '13G', capacity: '10G', phase: 'Bound', volume: 'v' }),
      want: undefined,
    },
    {
      name: 'invalid-expand-shrink-resize-enabled (below status.capacity)',
      old: pvc({ cls: 'gold', request: '15G', capacity: '10G', phase: 'Bound', volume: 'v' }),
      updated: pvc({ cls: 'gold', request: '9G', capacity: '10G', phase: 'Bound', volume: 'v' }),
      want: SHRINK,
    },
    {
      name: 'invalid-expand-shrink-to-status-resize-enabled (down to status.capacity itself)',
      old: pvc({ cls: 'gold', request: '15G', capacity: '10G', phase: 'Bound', volume: 'v' }),
      updated: pvc({ cls: 'gold', request: '10G', capacity: '10G', phase: 'Bound', volume: 'v' }),
      want: SHRINK,
    },
    {
      name: 'shrinking a claim that never grew is refused',
      old: pvc({ cls: 'gold', request: '10Gi', capacity: '10Gi', phase: 'Bound', volume: 'v' }),
      updated: pvc({ cls: 'gold', request: '5Gi', capacity: '10Gi', phase: 'Bound', volume: 'v' }),
      want: SHRINK,
    },
    {
      name: 'the same size written another way is no change',
      old: pvc({ cls: 'silver', request: '1Gi', capacity: '1Gi', phase: 'Bound', volume: 'v' }),
      updated: pvc({ cls: 'silver', request: '1024Mi', capacity: '1Gi', phase: 'Bound', volume: 'v' }),
      want: undefined,
    },
  ];
  for (const c of validation)
    it(`validation: ${c.name}`, () => {
      const r = claimUpdateRefusal(c.old, c.updated, (n) => classes.get(n));
      expect(r?.message).toBe(c.want);
      if (c.want) expect(r?.reason).toBe('Invalid');
    });
});

// ---- pkg/apis/core/validation/validation_test.go, TestValidatePersistentVolumeClaimUpdate ----
// Its claims, as the test's helpers make them (testVolumeClaim, testVolumeClaimWithStatus,
// testVolumeClaimStorageClass (the beta annotation), testVolumeClaimStorageClassInSpec, ...).

interface ClaimOpts {
  modes?: string[];
  storage?: string;
  volumeName?: string;
  volumeMode?: string;
  phase?: string;
  capacity?: string;
  annotation?: string;
  scInSpec?: string | null;
  vac?: string;
  annotations?: Record<string, string>;
}

function uc(o: ClaimOpts): PVC {
  const annotations = {
    ...(o.annotations ?? {}),
    ...(o.annotation !== undefined ? { 'volume.beta.kubernetes.io/storage-class': o.annotation } : {}),
  };
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: 'foo',
      namespace: 'ns',
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
    spec: {
      accessModes: o.modes ?? ['ReadWriteOnce', 'ReadOnlyMany'],
      resources: { requests: { storage: o.storage ?? '10G' } },
      ...(o.volumeName ? { volumeName: o.volumeName } : {}),
      ...(o.volumeMode ? { volumeMode: o.volumeMode } : {}),
      ...(typeof o.scInSpec === 'string' ? { storageClassName: o.scInSpec } : {}),
      ...(o.vac !== undefined ? { volumeAttributesClassName: o.vac } : {}),
    },
    status: {
      ...(o.phase ? { phase: o.phase } : {}),
      ...(o.capacity ? { capacity: { storage: o.capacity } } : {}),
    },
  };
}

const validClaim = uc({ phase: 'Bound' });
const validUpdateClaim = uc({ volumeName: 'volume' });
const invalidUpdateClaimResources = uc({ storage: '20G', volumeName: 'volume' });
const invalidUpdateClaimAccessModes = uc({ modes: ['ReadWriteOnce'], volumeName: 'volume' });
const validClaimVolumeModeFile = uc({
  modes: ['ReadWriteOnce'],
  volumeMode: 'Filesystem',
  volumeName: 'volume',
});
const validClaimVolumeModeBlock = uc({ modes: ['ReadWriteOnce'], volumeMode: 'Block', volumeName: 'volume' });
const validClaimStorageClass = uc({ modes: ['ReadOnlyMany'], annotation: 'fast' });
const invalidUpdateClaimStorageClass = uc({
  modes: ['ReadOnlyMany'],
  annotation: 'fast2',
  volumeName: 'volume',
});
const validSizeUpdate = uc({ storage: '15G', phase: 'Bound' });
const unboundSizeUpdate = uc({ storage: '12G', phase: 'Pending' });
const validClaimStorageClassInSpec = uc({ modes: ['ReadOnlyMany'], scInSpec: 'fast' });
const validClaimStorageClassInSpecChanged = uc({ modes: ['ReadOnlyMany'], scInSpec: 'fast2' });
const validClaimStorageClassNil = uc({ modes: ['ReadOnlyMany'], scInSpec: null });
const validClaimStorageClassInAnnotationAndSpec = uc({
  modes: ['ReadOnlyMany'],
  annotation: 'fast',
  scInSpec: 'fast',
});
const validClaimStorageClassInAnnotationAndNilInSpec = uc({ modes: ['ReadOnlyMany'], annotation: 'fast' });
const invalidClaimStorageClassInAnnotationAndSpec = uc({
  modes: ['ReadOnlyMany'],
  annotation: 'fast2',
  scInSpec: 'fast',
});
const validClaimShrinkInitial = uc({ storage: '15G', phase: 'Bound', capacity: '10G' });
const unboundShrink = uc({ storage: '12G', phase: 'Pending', capacity: '10G' });
const validClaimShrink = uc({ storage: '13G', phase: 'Bound', capacity: '10G' });
const invalidShrinkToStatus = uc({ storage: '10G', phase: 'Bound', capacity: '10G' });
const invalidClaimShrink = uc({ storage: '3G', phase: 'Bound', capacity: '10G' });
const validClaimNilVac = uc({ phase: 'Bound' });
const validClaimEmptyVac = uc({ phase: 'Bound', vac: '' });
const validClaimVac1 = uc({ phase: 'Bound', vac: 'vac1' });
const validClaimVac2 = uc({ phase: 'Bound', vac: 'vac2' });

/**
 * The scenarios with RecoverVolumeExpansionFailure and VolumeAttributesClass on (both GA in 1.34, as our
 * cluster runs them). Left out: the ones that switch a gate off ("invalid-size-update-resize-enabled" and
 * "invalid-expand-shrink-recover-disabled" run with RecoverVolumeExpansionFailure off, the
 * "...-without-featuregate-enabled" ones with VolumeAttributesClass off).
 */
const UPSTREAM: Array<[string, PVC, PVC, boolean]> = [
  ['valid-update-volumeName-only', validClaim, validUpdateClaim, false],
  ['valid-no-op-update', validUpdateClaim, validUpdateClaim, false],
  ['invalid-update-change-resources-on-bound-claim', validUpdateClaim, invalidUpdateClaimResources, true],
  [
    'invalid-update-change-access-modes-on-bound-claim',
    validUpdateClaim,
    invalidUpdateClaimAccessModes,
    true,
  ],
  ['valid-update-volume-mode-block-to-block', validClaimVolumeModeBlock, validClaimVolumeModeBlock, false],
  ['valid-update-volume-mode-file-to-file', validClaimVolumeModeFile, validClaimVolumeModeFile, false],
  ['invalid-update-volume-mode-to-block', validClaimVolumeModeFile, validClaimVolumeModeBlock, true],
  ['invalid-update-volume-mode-to-file', validClaimVolumeModeBlock, validClaimVolumeModeFile, true],
  ['invalid-update-volume-mode-empty-to-mode', validClaim, validClaimVolumeModeBlock, true],
  ['invalid-update-volume-mode-mode-to-empty', validClaimVolumeModeBlock, validClaim, true],
  [
    'invalid-update-change-storage-class-annotation-after-creation',
    validClaimStorageClass,
    invalidUpdateClaimStorageClass,
    true,
  ],
  ['valid-size-update-resize-enabled', validClaim, validSizeUpdate, false],
  ['unbound-size-update-resize-enabled', validClaim, unboundSizeUpdate, true],
  [
    'valid-upgrade-storage-class-annotation-to-spec',
    validClaimStorageClass,
    validClaimStorageClassInSpec,
    false,
  ],
  [
    'valid-upgrade-nil-storage-class-spec-to-spec',
    validClaimStorageClassNil,
    validClaimStorageClassInSpec,
    false,
  ],
  [
    'invalid-upgrade-not-nil-storage-class-spec-to-spec',
    validClaimStorageClassInSpec,
    validClaimStorageClassInSpecChanged,
    true,
  ],
  [
    'invalid-upgrade-to-nil-storage-class-spec-to-spec',
    validClaimStorageClassInSpec,
    validClaimStorageClassNil,
    true,
  ],
  [
    'valid-upgrade-storage-class-annotation-and-nil-spec-to-spec-retro',
    validClaimStorageClassInAnnotationAndNilInSpec,
    validClaimStorageClassInAnnotationAndSpec,
    false,
  ],
  [
    'invalid-upgrade-storage-class-annotation-and-spec-to-spec-retro',
    validClaimStorageClassInAnnotationAndSpec,
    validClaimStorageClassInSpecChanged,
    true,
  ],
  [
    'invalid-upgrade-storage-class-annotation-and-no-spec',
    validClaimStorageClassInAnnotationAndNilInSpec,
    validClaimStorageClassInSpecChanged,
    true,
  ],
  [
    'valid-upgrade-storage-class-annotation-to-annotation-and-spec',
    validClaimStorageClass,
    validClaimStorageClassInAnnotationAndSpec,
    false,
  ],
  [
    'invalid-upgrade-storage-class-annotation-to-annotation-and-spec',
    validClaimStorageClass,
    invalidClaimStorageClassInAnnotationAndSpec,
    true,
  ],
  [
    'invalid-downgrade-storage-class-spec-to-annotation',
    validClaimStorageClassInSpec,
    validClaimStorageClass,
    true,
  ],
  ['valid-expand-shrink-resize-enabled', validClaimShrinkInitial, validClaimShrink, false],
  ['invalid-expand-shrink-resize-enabled', validClaimShrinkInitial, invalidClaimShrink, true],
  ['invalid-expand-shrink-to-status-resize-enabled', validClaimShrinkInitial, invalidShrinkToStatus, true],
  ['unbound-size-shrink-resize-enabled', validClaimShrinkInitial, unboundShrink, true],
  ['valid-update-volume-attributes-class-from-nil', validClaimNilVac, validClaimVac1, false],
  ['valid-update-volume-attributes-class-from-empty', validClaimEmptyVac, validClaimVac1, false],
  ['valid-update-volume-attributes-class', validClaimVac1, validClaimVac2, false],
  ['invalid-update-volume-attributes-class-to-nil', validClaimVac1, validClaimNilVac, true],
  ['invalid-update-volume-attributes-class-to-empty', validClaimVac1, validClaimEmptyVac, true],
  [
    'invalid-update-volume-attributes-class-when-claim-not-bound',
    { ...validClaimVac1, status: { phase: 'Pending' } },
    { ...validClaimVac2, status: { phase: 'Pending' } },
    true,
  ],
];

describe('ValidatePersistentVolumeClaimUpdate (TestValidatePersistentVolumeClaimUpdate)', () => {
  for (const [name, old, updated, fails] of UPSTREAM)
    it(name, () => {
      expect(claimUpdateErrors(old, updated).length > 0).toBe(fails);
    });
});

const IMMUTABLE = `PersistentVolumeClaim "foo" is invalid: spec: Forbidden: ${CLAIM_SPEC_IMMUTABLE}`;

describe('the words of a refused claim update', () => {
  it('resizing a claim that is not bound: validation refuses it, before the resize admission plugin', () => {
    const pending = uc({ phase: 'Pending' });
    const r = claimUpdateRefusal(pending, unboundSizeUpdate, () => undefined);
    expect(r?.reason).toBe('Invalid');
    expect(r?.message.split('\n')[0]).toBe(IMMUTABLE);
    // Then the difference, in the shape of go-cmp's Diff: the changed field, two fields of context each side.
    expect(r?.message.split('\n').slice(1)).toEqual([
      '  core.PersistentVolumeClaimSpec{',
      '  \tAccessModes:      {"ReadWriteOnce", "ReadOnlyMany"},',
      '  \tSelector:         nil,',
      '- \tResources:        {Requests: {s"storage": "10G"}},',
      '+ \tResources:        {Requests: {s"storage": "12G"}},',
      '  \tVolumeName:       "",',
      '  \tStorageClassName: nil,',
      '  \t... // 4 identical fields',
      '  }',
    ]);
    // The plugin on its own would have said something else; validation answers first.
    expect(claimResizeAdmission(pending, unboundSizeUpdate, () => undefined)?.message).toBe(
      'persistentvolumeclaims "foo" is forbidden: Only bound persistent volume claims can be expanded',
    );
  });

  it('a changed storage class shows as a pointer, as in kubectl apply output', () => {
    const r = claimUpdateRefusal(
      validClaimStorageClassInSpec,
      validClaimStorageClassInSpecChanged,
      () => undefined,
    );
    expect(r?.message).toBe(
      [
        IMMUTABLE,
        '  core.PersistentVolumeClaimSpec{',
        '  \t... // 2 identical fields',
        '  \tResources:        {Requests: {s"storage": "10G"}},',
        '  \tVolumeName:       "",',
        '- \tStorageClassName: &"fast",',
        '+ \tStorageClassName: &"fast2",',
        '  \tVolumeMode:       nil,',
        '  \tDataSource:       nil,',
        '  \t... // 2 identical fields',
        '  }',
      ].join('\n'),
    );
  });

  it('several problems are one Invalid error, in brackets', () => {
    const r = claimUpdateRefusal(validClaimVolumeModeFile, validClaimVolumeModeBlock, () => undefined);
    expect(r?.message).toMatch(
      /^PersistentVolumeClaim "foo" is invalid: \[spec: Forbidden: spec is immutable after creation except resources\.requests and volumeAttributesClassName for bound claims\n/,
    );
    expect(r?.message).toMatch(/, volumeMode: Invalid value: "Block": field is immutable\]$/);
  });

  it('the beta storage-class annotation is immutable', () => {
    expect(claimUpdateErrors(validClaimStorageClass, invalidUpdateClaimStorageClass)).toContain(
      'metadata.annotations.volume.beta.kubernetes.io/storage-class: Invalid value: "fast2": field is immutable',
    );
  });

  it('a bound claim may grow and its other annotations change', () => {
    expect(
      claimUpdateErrors(validClaim, uc({ phase: 'Bound', storage: '20G', annotations: { a: 'b' } })),
    ).toEqual([]);
  });
});

describe('in a running cluster', () => {
  /** A cluster whose claim `data` stays Pending: its class waits for a first consumer. */
  function pendingClaim() {
    const sim = createCluster({ seed: 1 });
    sim.apply(aNode({ name: 'node-1' }));
    sim.apply({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'fast' },
      provisioner: 'ebs.csi.aws.com',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
    } as KubeObject);
    const claim = (size: string): PVC => ({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'default' },
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'fast',
        resources: { requests: { storage: size } },
      },
    });
    sim.apply(claim('10Gi'));
    sim.step(10_000);
    expect(sim.store.get<PVC>('PersistentVolumeClaim', 'default', 'data')?.status?.phase).toBe('Pending');
    return { sim, claim };
  }

  it('growing a Pending claim is refused by validation, and nothing changes', () => {
    const { sim, claim } = pendingClaim();
    let thrown: unknown;
    try {
      sim.apply(claim('20Gi'));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect((thrown as ApiError).reason).toBe('Invalid');
    expect((thrown as ApiError).message.split('\n')[0]).toBe(
      `PersistentVolumeClaim "data" is invalid: spec: Forbidden: ${CLAIM_SPEC_IMMUTABLE}`,
    );
    expect(
      sim.store.get<PVC>('PersistentVolumeClaim', 'default', 'data')?.spec?.resources?.requests?.storage,
    ).toBe('10Gi');
    const r = runCommand(sim, 'kubectl apply -f -', { objects: [claim('20Gi')] });
    expect(r.ok).toBe(false);
    expect(r.output).toContain(
      `PersistentVolumeClaim "data" is invalid: spec: Forbidden: ${CLAIM_SPEC_IMMUTABLE}`,
    );
  });

  it('re-applying a Pending claim unchanged is no change', () => {
    const { sim, claim } = pendingClaim();
    expect(() => sim.apply(claim('10Gi'))).not.toThrow();
    expect(() => sim.apply(claim('10240Mi'))).not.toThrow();
  });
});
