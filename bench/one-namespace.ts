/**
 * The worst case for rules that look across a namespace: `resources` resources in ONE namespace, with
 * few label groups. Per application a Deployment (labels `app` and `part-of`, one of two groups) and a
 * Service; every 4th a NetworkPolicy allowing ingress from its group; every 8th an Ingress; every 10th a
 * ConfigMap; 1% of the Services select no pod. One file per application.
 */
import type { CorpusFile } from './corpus.js';

const GROUPS = ['web', 'api'];

export function oneNamespaceCorpus(resources: number): CorpusFile[] {
  const files: CorpusFile[] = [];
  let count = 0;
  for (let i = 0; count < resources; i++) {
    const name = `app-${String(i).padStart(5, '0')}`;
    const group = GROUPS[i % GROUPS.length]!;
    const documents = [deployment(name, group), service(name, i % 100 === 50 ? `${name}-old` : name)];
    if (i % 4 === 0) documents.push(networkPolicy(name, group));
    if (i % 8 === 0) documents.push(ingress(name));
    if (i % 10 === 0) documents.push(configMap(name));
    count += documents.length;
    files.push({ path: `${name}.yaml`, text: documents.join('---\n') });
  }
  return files;
}

function deployment(name: string, group: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shared
spec:
  replicas: 2
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
        part-of: ${group}
    spec:
      containers:
        - name: app
          image: registry.example.com/${name}:1.0.0
          ports:
            - name: http
              containerPort: 8080
`;
}

function service(name: string, selects: string): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: shared
spec:
  selector:
    app: ${selects}
  ports:
    - name: http
      port: 80
      targetPort: http
`;
}

function networkPolicy(name: string, group: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: shared
spec:
  podSelector:
    matchLabels:
      app: ${name}
  ingress:
    - from:
        - podSelector:
            matchLabels:
              part-of: ${group}
      ports:
        - port: http
`;
}

function ingress(name: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  namespace: shared
spec:
  rules:
    - host: ${name}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${name}
                port:
                  name: http
`;
}

function configMap(name: string): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  namespace: shared
data:
  LOG_LEVEL: info
`;
}
