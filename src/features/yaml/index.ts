/**
 * The YAML editor feature. Mount it lazily so CodeMirror stays out of the initial bundle:
 * `const YamlEditor = React.lazy(() => import('../features/yaml'))`. Props: see YamlEditorProps.
 */
export {
  YamlEditor as default,
  type YamlEditorProps,
  type EditorIssue,
  type FieldLister,
  type ValueLister,
} from './YamlEditor';
