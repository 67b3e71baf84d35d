/** Storage: the PV controller and provisioner, attach/detach, volume protection, storage admission. */
export { PersistentVolumeController, PROVISION_MS, sharedFileProvisioner } from './pvController';
export { AttachDetachController, ATTACH_MS, MAX_WAIT_FOR_UNMOUNT_MS } from './attachDetach';
export { VolumeProtectionController } from './protection';
export { EphemeralVolumeController } from './ephemeral';
export { findBestMatchForClaim } from './binding';
export { storageAdmission } from './admission';
export {
  VolumeExpansionController,
  resizerOf,
  RESIZE_MS,
  NODE_EXPAND_MS,
  ANN_STORAGE_RESIZER,
} from './resize';
export {
  claimUpdateCheck,
  claimUpdateRefusal,
  claimUpdateErrors,
  claimResizeAdmission,
  CLAIM_SPEC_IMMUTABLE,
  type Refusal,
} from './claimUpdate';
export {
  PVC_PROTECTION,
  PV_PROTECTION,
  ANN_SELECTED_NODE,
  ANN_DEFAULT_CLASS,
  ZONE_LABEL,
  ClaimUsers,
  podClaimNames,
} from './claims';
