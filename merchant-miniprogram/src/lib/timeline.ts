import { ACTOR_LABELS, formatShanghai, statusLabel, type OrderEventRecord } from '@daojia/domain';

export interface TimelineStep {
  title: string;
  description: string;
}

/** One step per order event, oldest first: the status reached, then when, who, from which status and why. */
export function timelineSteps(events: readonly OrderEventRecord[]): TimelineStep[] {
  return events.map((e) => ({
    title: statusLabel(e.to),
    description: [formatShanghai(e.at, 'MM-DD HH:mm'), ACTOR_LABELS[e.by.role] ?? e.by.role, e.from ? `由「${statusLabel(e.from)}」` : '', e.reason].filter(Boolean).join(' · '),
  }));
}
