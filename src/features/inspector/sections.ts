/**
 * The inspector's form sections for a kind: which fields people edit on a Pod, a workload, a Node or a
 * Service, an Ingress, a PersistentVolumeClaim, a ConfigMap or a NodeGroup. Other kinds get their labels only
 * (the YAML panel edits everything).
 */
import type { Section } from './fields';
import { behaviorFields } from './behaviorFields';
import { nodeFields, serviceFields } from './clusterFields';
import { hasPodTemplate } from './podTemplate';
import { probeFields } from './probeFields';
import {
  configMapFields,
  ingressFields,
  nodeGroupFields,
  pvcFields,
  volumeClaimTemplatesField,
} from './resourceFields';
import { schedulingFields } from './schedulingFields';
import { containerFields, generalFields, labelsField, strategyFields } from './workloadFields';
import { setIn } from './podTemplate';
import type { KubeObject } from '../../engine';

/** The sections of the form of `kind`, for the container at `containerIndex` of pod-bearing kinds. */
export function sectionsFor(kind: string, containerIndex = 0): Section[] {
  if (hasPodTemplate(kind)) {
    const sections: Section[] = [
      { title: kind === 'Pod' ? 'Pod' : 'Workload', fields: generalFields(kind) },
      { title: 'Container', fields: containerFields(containerIndex) },
      { title: 'Probes', fields: probeFields(containerIndex) },
      { title: 'Scheduling', fields: schedulingFields() },
    ];
    if (kind === 'StatefulSet')
      sections.push({ title: 'Volume claim templates', fields: [volumeClaimTemplatesField] });
    const strategy = strategyFields(kind);
    if (strategy.length) sections.push({ title: 'Update strategy', fields: strategy });
    sections.push({ title: 'Simulated behaviour', fields: behaviorFields() });
    return sections;
  }
  if (kind === 'Node') return [{ title: 'Node', fields: nodeFields() }];
  if (kind === 'Service') return [{ title: 'Service', fields: serviceFields() }];
  if (kind === 'Ingress') return [{ title: 'Ingress', fields: ingressFields() }];
  if (kind === 'PersistentVolumeClaim') return [{ title: 'PersistentVolumeClaim', fields: pvcFields() }];
  if (kind === 'ConfigMap') return [{ title: 'ConfigMap', fields: configMapFields() }];
  if (kind === 'NodeGroup') return [{ title: 'Node group', fields: nodeGroupFields() }];
  return [
    {
      title: kind,
      fields: [
        labelsField(
          'labels',
          'Labels',
          (o) => o.metadata.labels,
          (o: KubeObject, l) => setIn(o, ['metadata', 'labels'], l),
        ),
      ],
    },
  ];
}
