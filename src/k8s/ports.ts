import type { FieldPath } from '../util/field-path.js';
import { integerField, objectsIn, stringField, type PlainObject } from './objects.js';
import { portProtocol } from './service.js';
import type { PodTemplate } from './workloads.js';

/** A port a container declares, with where it is declared. */
export interface ContainerPort {
  readonly name: string | undefined;
  readonly number: number | undefined;
  readonly protocol: string;
  readonly container: string;
  readonly path: FieldPath;
}

/** Every port declared by the containers of a pod template (init containers included: sidecars). */
export function containerPorts(template: PodTemplate): ContainerPort[] {
  return template.containers.flatMap(({ value: container, path }) =>
    objectsIn(container, ['ports']).map(({ value: port, path: portPath }) => ({
      name: stringField(port, 'name'),
      number: integerField(port, 'containerPort'),
      protocol: portProtocol(port),
      container: stringField(container, 'name') ?? '?',
      path: [...path, ...portPath],
    })),
  );
}

/** Whether every container of the template declares at least one port (declaring ports is optional). */
export function declaresAllPorts(template: PodTemplate): boolean {
  return template.containers.length > 0 && template.containers.every(({ value }) => objectsIn(value, ['ports']).length > 0);
}

/** The port a Service port sends traffic to: `targetPort`, which defaults to `port` (also when 0 or "", as SetDefaults_Service does). */
export function targetPortOf(servicePort: PlainObject): number | string | undefined {
  const target = servicePort['targetPort'];
  if (isDefaultedTargetPort(target)) return integerField(servicePort, 'port');
  if (typeof target === 'string') return target;
  if (typeof target === 'number' && Number.isInteger(target)) return target;
  return undefined;
}

/** A targetPort the API server replaces with the port number: left out, 0 or "". */
export function isDefaultedTargetPort(target: unknown): boolean {
  return target === undefined || target === null || target === 0 || target === '';
}

/** `http 8080/TCP, 9090/UDP`: declared ports as a user reads them, each once (several workloads may declare one). */
export function describePorts(ports: readonly ContainerPort[]): string {
  if (ports.length === 0) return 'no ports';
  return [...new Set(ports.map((p) => `${p.name === undefined ? '' : `${p.name} `}${p.number ?? '?'}/${p.protocol}`))].join(', ');
}
