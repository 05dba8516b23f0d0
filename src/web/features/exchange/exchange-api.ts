import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AcknowledgeInput,
  CloseActionInput,
  HandoverAction,
  HandoverDraft,
  HandoverDto,
  Prefill,
  RecipientCopy,
  ResolveMissingInput,
  TemplateDto,
  TimelineEntry,
} from '../../../contracts/exchange.ts';
import { api } from '../../lib/api.ts';

const keys = {
  templates: ['exchange', 'templates'] as const,
  handover: (id: string) => ['exchange', 'handover', id] as const,
  list: (box: string) => ['exchange', 'list', box] as const,
  timeline: (personId: string) => ['people', 'person', personId, 'handovers'] as const,
};

/** A handover in a list (no fields). */
export type HandoverSummary = Omit<HandoverDto, 'fields' | 'actions' | 'escalations'>;

/** The current minimum-dataset templates. */
export function useTemplates() {
  return useQuery({
    queryKey: keys.templates,
    queryFn: async () => (await api.get<{ items: TemplateDto[] }>('/handover-templates')).items,
  });
}

/** The recipient's copy of a draft, computed by the server's decisions. */
export function usePreview() {
  return useMutation({
    mutationFn: (draft: HandoverDraft) => api.post<RecipientCopy>('/handovers/preview', draft),
  });
}

/**
 * What the person's record can prefill for a template, as the sender may see it. Fetched only when
 * the sender asks: it is a read of the record, and recorded as one.
 */
export function usePrefill() {
  return useMutation({
    mutationFn: ({ personId, template }: { personId: string; template: string }) =>
      api.get<Prefill>('/handovers/prefill', { personId, template }),
  });
}

/** Sends a handover. */
export function useSendHandover() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (draft: HandoverDraft) => api.post<HandoverDto>('/handovers', draft),
    onSuccess: () => client.invalidateQueries({ queryKey: ['exchange'] }),
  });
}

/** One handover, as its parties see it. */
export function useHandover(id: string) {
  return useQuery({ queryKey: keys.handover(id), queryFn: () => api.get<HandoverDto>(`/handovers/${id}`) });
}

/** The caller's incoming or sent handovers. */
export function useHandovers(box: 'incoming' | 'sent') {
  return useQuery({
    queryKey: keys.list(box),
    queryFn: async () =>
      (await api.get<{ items: HandoverSummary[] }>('/handovers', { box, limit: 50 })).items,
  });
}

/** Acknowledges a handover with the outstanding actions found. */
export function useAcknowledge(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: AcknowledgeInput) => api.post<HandoverDto>(`/handovers/${id}/acknowledge`, input),
    onSuccess: (h) => {
      client.setQueryData(keys.handover(id), h);
      void client.invalidateQueries({ queryKey: ['exchange', 'list'] });
      void client.invalidateQueries({ queryKey: ['work'] });
    },
  });
}

/** Resolves a handover's "information missing" escalation. */
export function useResolveMissing(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ResolveMissingInput) =>
      api.post<HandoverDto>(`/handovers/${id}/missing-information`, input),
    onSuccess: (h) => {
      client.setQueryData(keys.handover(id), h);
      void client.invalidateQueries({ queryKey: ['work'] });
    },
  });
}

/** Closes a task of the caller's from a handover. */
export function useCloseAction(handoverId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: CloseActionInput & { id: string }) =>
      api.post<HandoverAction>(`/handover-actions/${id}/close`, input),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.handover(handoverId) });
      void client.invalidateQueries({ queryKey: ['work'] });
    },
  });
}

/** A person's handover timeline. */
export function useTimeline(personId: string) {
  return useQuery({
    queryKey: keys.timeline(personId),
    queryFn: async () => (await api.get<{ items: TimelineEntry[] }>(`/people/${personId}/handovers`)).items,
  });
}
