/**
 * The kubernetes-models classes of the kinds most manifests hold, in one module. Imported on demand,
 * when the input holds one of them; the CLI bundle then loads their validators as part of one file
 * instead of the ~250 small schema modules they are made of. Other kinds are imported one by one.
 */
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { ReplicaSet } from 'kubernetes-models/apps/v1/ReplicaSet';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { EndpointSlice } from 'kubernetes-models/discovery.k8s.io/v1/EndpointSlice';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { IngressClass } from 'kubernetes-models/networking.k8s.io/v1/IngressClass';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Endpoints } from 'kubernetes-models/v1/Endpoints';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Pod } from 'kubernetes-models/v1/Pod';
import { ReplicationController } from 'kubernetes-models/v1/ReplicationController';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';

/** By `apiVersion/kind`. */
export const COMMON_MODELS: ReadonlyMap<string, { prototype: { validate?: () => void } }> = new Map(
  [
    Deployment, DaemonSet, ReplicaSet, StatefulSet, HorizontalPodAutoscaler, CronJob, Job, EndpointSlice, Ingress, IngressClass,
    NetworkPolicy, PodDisruptionBudget, ConfigMap, Endpoints, Namespace, Pod, ReplicationController, Secret, Service, ServiceAccount,
  ].map((model) => [`${model.apiVersion}/${model.kind}`, model]),
);
