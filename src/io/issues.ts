/**
 * Import and validation problems, each naming the file, line, column, object and field path, so a person
 * can find it in the editor: `deployment.yaml:8:3 Deployment nginx-deployment: unknown field "spec.replica"`.
 */

/** How bad an issue is: errors stop an import, warnings do not. */
export type Severity = 'error' | 'warning';

/** One problem found while parsing or validating a manifest. Lines and columns are 1-based. */
export interface Issue {
  file: string;
  line: number;
  column: number;
  /** `Kind name` of the object, or '' when the problem is not inside an object (a YAML syntax error). */
  object: string;
  /** Field path such as `spec.template.spec.containers[0].image`; '' for the whole object. */
  path: string;
  message: string;
  severity: Severity;
}

/** Formats an issue as one line: `file:line:column Kind name: message`. */
export function format(issue: Issue): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`;
  const prefix = issue.severity === 'warning' ? 'warning: ' : '';
  return issue.object
    ? `${where} ${issue.object}: ${prefix}${issue.message}`
    : `${where} ${prefix}${issue.message}`;
}

/** True when any issue is an error. */
export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
