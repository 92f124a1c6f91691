/**
 * A deterministic manifest corpus: `apps` applications over apps/20 namespaces, each one file with a
 * Deployment or StatefulSet and a Service selecting it; about 3% carry a known defect (a selector
 * label or a targetPort name no pod has). A seeded generator, so every run lints the same input.
 */
export function generateApps(apps: number, seed = 42): string[] {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const files: string[] = [];
  for (let i = 0; i < apps; i++) {
    const namespace = `team-${Math.floor(i / 20)}`;
    const kind = random() < 0.8 ? 'Deployment' : 'StatefulSet';
    const type = ['ClusterIP', 'ClusterIP', 'NodePort', 'LoadBalancer'][Math.floor(random() * 4)];
    const nodePort = type === 'ClusterIP' ? '' : `\n      nodePort: ${30000 + (i % 2700)}`;
    const workload = `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: app-${i}
  namespace: ${namespace}
spec:${kind === 'StatefulSet' ? `\n  serviceName: app-${i}` : ''}
  replicas: 2
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
        tier: ${random() < 0.5 ? 'web' : 'api'}
    spec:
      containers:
        - name: app
          image: registry.example.com/app-${i}:1.${i % 10}
          ports:
            - name: http
              containerPort: 8080`;
    const service = `apiVersion: v1
kind: Service
metadata:
  name: app-${i}
  namespace: ${namespace}
spec:
  type: ${type}${kind === 'StatefulSet' && type === 'ClusterIP' ? '\n  clusterIP: None' : ''}
  selector:
    app: app-${i}${random() < 0.03 ? '\n    version: v2' : ''}
  ports:
    - name: http
      port: 80
      targetPort: ${random() < 0.03 ? 'htp' : 'http'}${nodePort}`;
    files.push(`${workload}\n---\n${service}\n`);
  }
  return files;
}
