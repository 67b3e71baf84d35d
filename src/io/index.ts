/**
 * io: how kubecanvas meets real clusters. Parse manifests (YAML, JSON, Lists) with positions, validate them
 * against the Kubernetes OpenAPI schema (version in `schema.kubernetesVersion`), import, export in apply
 * order, and save/load project files. No React, no store: pure functions over engine objects.
 */
export { format, hasErrors, type Issue, type Severity } from './issues';
export { parseManifests, LIMITS, type ParsedObject, type ParseResult, type Position } from './parse';
export { validateObjects, objectLabel, didYouMean } from './validate';
export {
  loadSchema,
  apiVersionsOf,
  fieldsAt,
  valuesAt,
  type Schema,
  type SchemaType,
  type TypeRef,
} from './schema';
export {
  importManifests,
  importManifestsWith,
  importPartWith,
  withoutServerFields,
  type ImportResult,
  type ImportTarget,
  type ImportPhase,
  type ImportProgress,
} from './import';
export {
  exportManifests,
  cleanForExport,
  isSimulationOnly,
  restoreSimulated,
  NODE_STATUS_ANNOTATION,
  SIMULATION_PREFIX,
  type ExportOptions,
} from './export';
export { applyOrder, applyRank } from './applyOrder';
export { saveProject, loadProject, ProjectError, PROJECT_FORMAT_VERSION, type Project } from './project';
export { removedApi, type Removal } from './removedApis';
export { applyInChunks, type ChunkOptions } from './chunked';
export { planEdit, type EditPlan } from './edit';
