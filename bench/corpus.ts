/**
 * A deterministic manifest corpus shaped like a real platform repository: `apps` applications over
 * about apps/20 namespaces. Each namespace has a file with its Namespace, a default-deny
 * NetworkPolicy and a shared ConfigMap; each application is one multi-document file with a
 * Deployment or StatefulSet, its Service(s) of a realistic type mix (ClusterIP, headless for
 * StatefulSets, NodePort, AWS NLB LoadBalancers, now and then an ExternalName), mostly a
 * ServiceAccount, a ConfigMap and a NetworkPolicy, and sometimes an Ingress (half of them for the
 * AWS ALB controller, with its annotations). About 3% of the applications carry one known defect, listed in `defects` with
 * the rule that must find it (`defectRate` sets the share: 0.45 puts a mistake in about a tenth of the resources). A seeded generator: every run lints the same input.
 *
 * With `gatewayRoutes`, each namespace also has a Gateway and about half of the applications an
 * HTTPRoute, GRPCRoute or TCPRoute to their Service, so that a tenth of the documents are Gateway API
 * routes, validated with the bundled CRDs and their CEL rules; 3% of the HTTPRoutes carry a path without
 * its leading `/` (crd-validation). Without it the corpus is exactly the plain one.
 */
export interface CorpusFile {
  /** Relative path, `team-007/app-00123.yaml`. */
  readonly path: string;
  readonly text: string;
}

export interface PlantedDefect {
  readonly path: string;
  readonly ruleId: string;
  readonly what: string;
}

export interface Corpus {
  readonly files: CorpusFile[];
  readonly defects: PlantedDefect[];
}

const DEFECT_RATE = 0.03;

/** The known defects: what is wrong, the rule that reports it, and how it is planted. */
const DEFECTS = [
  { what: 'selector matches no pod', ruleId: 'service-selector-match' },
  { what: 'targetPort names no container port', ruleId: 'service-target-port' },
  { what: 'nodePort outside the range', ruleId: 'nodeport-range' },
  { what: 'type: CLusterIP', ruleId: 'schema' },
  { what: 'misspelt AWS annotation', ruleId: 'aws-annotation-unknown' },
  { what: 'serviceName names no Service', ruleId: 'statefulset-service' },
  { what: 'containerPort written as a string', ruleId: 'schema' },
] as const;

type Defect = (typeof DEFECTS)[number]['what'] | undefined;

export interface CorpusOptions {
  readonly gatewayRoutes?: boolean;
  /** Share of applications with a planted mistake (default DEFECT_RATE). */
  readonly defectRate?: number;
}

export function generateCorpus(apps: number, seed = 42, options: CorpusOptions = {}): Corpus {
  const defectRate = options.defectRate ?? DEFECT_RATE;
  let state = seed >>> 0;
  const random = (): number => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  const files: CorpusFile[] = [];
  const defects: PlantedDefect[] = [];
  const namespaces = Math.max(1, Math.round(apps / 20));
  for (let n = 0; n < namespaces; n++) {
    const namespace = namespaceName(n);
    files.push({ path: `${namespace}/namespace.yaml`, text: namespaceFile(namespace) + (options.gatewayRoutes ? gatewayFile(namespace) : '') });
  }

  let fixedNodePorts = 0;
  for (let i = 0; i < apps; i++) {
    const namespace = namespaceName(i % namespaces);
    const name = `app-${String(i).padStart(5, '0')}`;
    const path = `${namespace}/${name}.yaml`;
    const stateful = random() < 0.2;
    const serviceType = stateful ? 'ClusterIP' : pick(['ClusterIP', 'ClusterIP', 'ClusterIP', 'ClusterIP', 'ClusterIP', 'ClusterIP', 'NodePort', 'LoadBalancer', 'LoadBalancer']);
    let defect: Defect;
    if (random() < defectRate) {
      const candidates = DEFECTS.filter((d) => {
        if (d.what === 'serviceName names no Service') return stateful;
        if (d.what === 'nodePort outside the range') return serviceType !== 'ClusterIP';
        if (d.what === 'misspelt AWS annotation') return serviceType === 'LoadBalancer';
        return true;
      });
      const chosen = pick(candidates);
      defect = chosen.what;
      defects.push({ path, ruleId: chosen.ruleId, what: chosen.what });
    }
    // A fixed node port from the static band for the first few NodePort Services, as teams do for firewall rules.
    const nodePort = serviceType === 'NodePort' && fixedNodePorts < 80 ? 30000 + fixedNodePorts++ : undefined;
    const app: App = {
      name,
      namespace,
      tier: pick(['web', 'api', 'worker']),
      version: `1.${i % 17}.${i % 5}`,
      port: pick([8080, 8080, 8443, 9000, 3000]),
      stateful,
      serviceType,
      nodePort,
      defect,
    };
    const documents = [stateful ? statefulSet(app) : deployment(app), ...services(app)];
    if (random() < 0.6) documents.push(serviceAccount(app));
    if (random() < 0.8) documents.push(configMap(app));
    if (random() < 0.6) documents.push(networkPolicy(app));
    if (!stateful && random() < 0.3) documents.push(ingress(app, random() < 0.5));
    if (random() < 0.05) documents.push(externalNameService(app));
    if (options.gatewayRoutes && random() < 0.5) {
      const kind = pick(['HTTPRoute', 'HTTPRoute', 'HTTPRoute', 'GRPCRoute', 'TCPRoute'] as const);
      const badPath = kind === 'HTTPRoute' && random() < DEFECT_RATE;
      if (badPath) defects.push({ path, ruleId: 'crd-validation', what: 'route path without a leading /' });
      documents.push(route(app, kind, badPath));
    }
    files.push({ path, text: documents.map((d) => `${d.trim()}\n`).join('---\n') });
  }
  return { files, defects };
}

interface App {
  readonly name: string;
  readonly namespace: string;
  readonly tier: string;
  readonly version: string;
  readonly port: number;
  readonly stateful: boolean;
  readonly serviceType: string;
  readonly nodePort: number | undefined;
  readonly defect: Defect;
}

function namespaceName(n: number): string {
  return `team-${String(n).padStart(3, '0')}`;
}

function namespaceFile(namespace: string): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${namespace}
  labels:
    kubernetes.io/metadata.name: ${namespace}
    team: ${namespace}
---
# Deny all ingress traffic unless another policy allows it.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: ${namespace}
spec:
  podSelector: {}
  policyTypes:
    - Ingress
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: team-settings
  namespace: ${namespace}
data:
  LOG_LEVEL: info
  OTEL_EXPORTER_OTLP_ENDPOINT: http://otel-collector.observability:4317
`;
}

function podTemplate(app: App): string {
  const containerPort = app.defect === 'containerPort written as a string' ? `"${app.port}"` : String(app.port);
  return `  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${app.name}
        app.kubernetes.io/part-of: ${app.namespace}
        tier: ${app.tier}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "9090"
    spec:
      serviceAccountName: ${app.name}
      securityContext:
        runAsNonRoot: true
        fsGroup: 2000
      containers:
        - name: ${app.name}
          image: registry.example.com/${app.namespace}/${app.name}:${app.version}
          imagePullPolicy: IfNotPresent
          ports:
            - name: http
              containerPort: ${containerPort}
              protocol: TCP
            - name: metrics
              containerPort: 9090
          env:
            - name: APP_NAME
              value: ${app.name}
            - name: POD_IP
              valueFrom:
                fieldRef:
                  fieldPath: status.podIP
          envFrom:
            - configMapRef:
                name: team-settings
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 256Mi
          readinessProbe:
            httpGet:
              path: /ready
              port: http
            periodSeconds: 5
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
            initialDelaySeconds: 10
          volumeMounts:
            - name: config
              mountPath: /etc/${app.name}
              readOnly: true
      volumes:
        - name: config
          configMap:
            name: ${app.name}-config
            optional: true`;
}

function selectorLabels(app: App, indent: string): string {
  return `${indent}app.kubernetes.io/name: ${app.name}\n${indent}tier: ${app.tier}`;
}

function deployment(app: App): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app.name}
  namespace: ${app.namespace}
  labels:
    app.kubernetes.io/name: ${app.name}
    app.kubernetes.io/version: "${app.version}"
spec:
  replicas: 3
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1
  selector:
    matchLabels:
${selectorLabels(app, '      ')}
${podTemplate(app)}`;
}

function statefulSet(app: App): string {
  const serviceName = app.defect === 'serviceName names no Service' ? `${app.name}-peers` : `${app.name}-headless`;
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${app.name}
  namespace: ${app.namespace}
  labels:
    app.kubernetes.io/name: ${app.name}
spec:
  serviceName: ${serviceName}
  replicas: 3
  podManagementPolicy: Parallel
  selector:
    matchLabels:
${selectorLabels(app, '      ')}
${podTemplate(app)}
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: 10Gi`;
}

function services(app: App): string[] {
  const found: string[] = [];
  if (app.stateful) {
    found.push(`apiVersion: v1
kind: Service
metadata:
  name: ${app.name}-headless
  namespace: ${app.namespace}
spec:
  clusterIP: None
  publishNotReadyAddresses: true
  selector:
${selectorLabels(app, '    ')}
  ports:
    - name: http
      port: ${app.port}
      targetPort: http`);
  }
  const type = app.defect === 'type: CLusterIP' ? 'CLusterIP' : app.serviceType;
  const annotations =
    app.serviceType === 'LoadBalancer'
      ? `
  annotations:
    service.beta.kubernetes.io/aws-load-balancer-type: external
    service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip
    service.beta.kubernetes.io/aws-load-balancer-${app.defect === 'misspelt AWS annotation' ? 'schem' : 'scheme'}: internal
    service.beta.kubernetes.io/aws-load-balancer-healthcheck-path: /ready`
      : '';
  const extraLabel = app.defect === 'selector matches no pod' ? '\n    version: v2' : '';
  const targetPort = app.defect === 'targetPort names no container port' ? 'htttp' : 'http';
  const nodePort = app.defect === 'nodePort outside the range' ? '\n      nodePort: 40123' : app.nodePort === undefined ? '' : `\n      nodePort: ${app.nodePort}`;
  found.push(`apiVersion: v1
kind: Service
metadata:
  name: ${app.name}
  namespace: ${app.namespace}
  labels:
    app.kubernetes.io/name: ${app.name}${annotations}
spec:
  type: ${type}
  selector:
${selectorLabels(app, '    ')}${extraLabel}
  ports:
    - name: http
      port: 80
      targetPort: ${targetPort}${nodePort}
    - name: metrics
      port: 9090
      targetPort: metrics`);
  return found;
}

function externalNameService(app: App): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${app.name}-db
  namespace: ${app.namespace}
spec:
  type: ExternalName
  externalName: ${app.name}.db.example.com`;
}

function serviceAccount(app: App): string {
  return `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${app.name}
  namespace: ${app.namespace}
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/${app.namespace}-${app.name}
automountServiceAccountToken: false`;
}

function configMap(app: App): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${app.name}-config
  namespace: ${app.namespace}
data:
  app.yaml: |
    server:
      port: ${app.port}
      shutdownGracePeriod: 20s
    features:
      cache: true
      tracing: ${app.tier === 'web'}
    database:
      host: ${app.name}-db.${app.namespace}.svc.cluster.local
      pool:
        min: 2
        max: 20
      timeout: 5s
  FEATURE_FLAGS: "checkout,search"`;
}

function networkPolicy(app: App): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${app.name}-allow
  namespace: ${app.namespace}
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: ${app.name}
  policyTypes:
    - Ingress
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: ingress-nginx
        - podSelector:
            matchLabels:
              tier: web
      ports:
        - protocol: TCP
          port: http`;
}

function ingress(app: App, alb: boolean): string {
  const annotations = alb
    ? `
  annotations:
    alb.ingress.kubernetes.io/scheme: internet-facing
    alb.ingress.kubernetes.io/target-type: ip
    alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'
    alb.ingress.kubernetes.io/ssl-redirect: "443"
    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:123456789012:certificate/0e8c9b52-7f3c-4a4b-9d2e-${app.name.slice(4)}0000000
    alb.ingress.kubernetes.io/healthcheck-path: /ready`
    : `
  annotations:
    nginx.ingress.kubernetes.io/proxy-body-size: 8m`;
  return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${app.name}
  namespace: ${app.namespace}${annotations}
spec:
  ingressClassName: ${alb ? 'alb' : 'nginx'}
  tls:
    - hosts:
        - ${app.name}.example.com
  rules:
    - host: ${app.name}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${app.name}
                port:
                  name: http`;
}

/** The namespace's Gateway, with a listener for each route kind the corpus writes. */
function gatewayFile(namespace: string): string {
  return `---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: edge
  namespace: ${namespace}
spec:
  gatewayClassName: example
  listeners:
    - name: http
      protocol: HTTP
      port: 80
      hostname: "*.${namespace}.example.com"
    - name: https
      protocol: HTTPS
      port: 443
      hostname: "*.${namespace}.example.com"
      tls:
        certificateRefs:
          - name: wildcard-cert
    - name: tcp
      protocol: TCP
      port: 5432
`;
}

function route(app: App, kind: 'HTTPRoute' | 'GRPCRoute' | 'TCPRoute', badPath: boolean): string {
  // The Service port a backendRef names: the headless Service's is the app's port, the other's 80.
  const [service, port] = app.stateful ? [`${app.name}-headless`, app.port] : [app.name, 80];
  const head = `apiVersion: gateway.networking.k8s.io/${kind === 'TCPRoute' ? 'v1alpha2' : 'v1'}
kind: ${kind}
metadata:
  name: ${app.name}
  namespace: ${app.namespace}
spec:
  parentRefs:
    - name: edge
      sectionName: ${kind === 'TCPRoute' ? 'tcp' : 'https'}`;
  if (kind === 'TCPRoute') {
    return `${head}
  rules:
    - backendRefs:
        - name: ${service}
          port: ${port}`;
  }
  if (kind === 'GRPCRoute') {
    return `${head}
  hostnames:
    - ${app.name}.${app.namespace}.example.com
  rules:
    - matches:
        - method:
            service: ${app.tier}.v1.${app.tier[0]!.toUpperCase()}${app.tier.slice(1)}Service
      backendRefs:
        - name: ${service}
          port: ${port}`;
  }
  return `${head}
  hostnames:
    - ${app.name}.${app.namespace}.example.com
  rules:
    - matches:
        - path:
            type: PathPrefix
            value: ${badPath ? '' : '/'}${app.tier}
          headers:
            - name: x-version
              value: "${app.version}"
      filters:
        - type: RequestHeaderModifier
          requestHeaderModifier:
            set:
              - name: x-routed-by
                value: edge
      backendRefs:
        - name: ${service}
          port: ${port}
          weight: 100
    - matches:
        - path:
            type: Exact
            value: /healthz
      backendRefs:
        - name: ${service}
          port: ${port}`;
}
