import { Scalar, stringify } from 'yaml';
import type { FixValue } from '../api/types.js';

const STRINGIFY = { lineWidth: 0, version: '1.1' } as const;

/** How a flow map spread over lines lays out its pairs. */
export interface FlowLayout {
  readonly indent: string;
  readonly step: number;
  readonly eol: string;
}

/** A scalar in a given quoting style; a plain string the YAML 1.1 reader would take for something else is double-quoted. */
export function renderScalar(value: FixValue, style: Scalar['type'], flow: boolean): string {
  if (typeof value !== 'string') return value === null ? 'null' : String(value);
  if (style === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  if (style === Scalar.QUOTE_SINGLE && !value.includes('\n')) return `'${value.replace(/'/g, "''")}'`;
  return plainOrQuoted(value, flow);
}

function plainOrQuoted(value: string, flow: boolean): string {
  const plain = stringify(value, STRINGIFY).replace(/\n$/, '');
  if (plain.includes('\n') || /^["'|>]/.test(plain) || (flow && /[,[\]{}]/.test(value))) return JSON.stringify(value);
  return plain;
}

/** A value as block lines, without indentation (nested maps indented by `step`). */
export function renderBlock(value: FixValue, step: number): string[] {
  return stringify(value, { ...STRINGIFY, indent: step })
    .replace(/\n$/, '')
    .split('\n');
}

/** `key: value` as block lines, without indentation. */
export function renderBlockPair(key: string, value: FixValue, step: number): string[] {
  return renderBlock({ [key]: value }, step);
}

/** `key: value` inside a flow map: JSON when the map's keys are double-quoted (a JSON manifest). */
export function renderFlowPair(key: string, value: FixValue, json: boolean, layout: FlowLayout | undefined): string {
  return `${json ? JSON.stringify(key) : plainOrQuoted(key, true)}: ${renderFlowValue(value, json, layout)}`;
}

/** A value inside a flow collection: JSON (over lines, when the map has a line per pair) for a JSON manifest, else `{k: v}` on one line. */
export function renderFlowValue(value: FixValue, json: boolean, layout: FlowLayout | undefined): string {
  if (!json) return compactFlow(value);
  if (!layout) return JSON.stringify(value);
  return JSON.stringify(value, null, layout.step).replace(/\n/g, layout.eol + layout.indent);
}

function compactFlow(value: FixValue): string {
  if (Array.isArray(value)) return `[${value.map(compactFlow).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${plainOrQuoted(k, true)}: ${compactFlow(v)}`)
      .join(', ')}}`;
  }
  return renderScalar(value, 'PLAIN', true);
}
