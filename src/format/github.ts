import { displayPath } from '../util/paths.js';
import { workflowData as escapeData, workflowProperty as escapeProperty } from './sanitize.js';
import type { Formatter } from './types.js';

/**
 * GitHub Actions workflow commands; each finding becomes an annotation on the pull request's line:
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule>::<message>`.
 */
export const github: Formatter = (results, context) => {
  const lines: string[] = [];
  for (const result of results) {
    const file = displayPath(context.cwd, result.filePath);
    for (const m of result.messages) {
      const properties = [
        `file=${escapeProperty(file)}`,
        `line=${m.line}`,
        `col=${m.column}`,
        ...(m.endLine === undefined ? [] : [`endLine=${m.endLine}`]),
        ...(m.endColumn === undefined ? [] : [`endColumn=${m.endColumn}`]),
        `title=${escapeProperty(m.ruleId ?? 'k8s-svc-lint')}`,
      ];
      lines.push(`::${m.severity === 2 ? 'error' : 'warning'} ${properties.join(',')}::${escapeData(m.message)}`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
};
