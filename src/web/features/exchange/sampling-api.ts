import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  SampleDto,
  SampleFindingInput,
  SampleSummary,
  SupervisionNote,
  Timeliness,
} from '../../../contracts/sampling.ts';
import { api } from '../../lib/api.ts';

const keys = {
  samples: ['sampling', 'samples'] as const,
  sample: (id: string) => ['sampling', 'sample', id] as const,
  notes: ['sampling', 'notes'] as const,
  timeliness: (weeks: number) => ['sampling', 'timeliness', weeks] as const,
};

/** The caller's weekly samples of escalation summaries. */
export function useSamples() {
  return useQuery({
    queryKey: keys.samples,
    queryFn: async () => (await api.get<{ items: SampleSummary[] }>('/handover-samples')).items,
  });
}

/** One sample with its items. */
export function useSample(id: string) {
  return useQuery({
    queryKey: keys.sample(id),
    queryFn: () => api.get<SampleDto>(`/handover-samples/${id}`),
  });
}

/** Records a finding on one sampled summary. */
export function useRecordFinding(sampleId: string) {
  const client = useQueryClient();
  return useMutation({
    // Unanswered questions are sent unanswered: the server names each one.
    mutationFn: ({ handoverId, ...input }: Partial<SampleFindingInput> & { handoverId: string }) =>
      api.post<SampleDto>(`/handover-samples/${sampleId}/items/${handoverId}/finding`, input),
    onSuccess: (sample) => {
      client.setQueryData(keys.sample(sampleId), sample);
      void client.invalidateQueries({ queryKey: keys.samples });
      void client.invalidateQueries({ queryKey: keys.notes });
      void client.invalidateQueries({ queryKey: ['work'] });
    },
  });
}

/** Supervision notes the caller may see. */
export function useSupervisionNotes() {
  return useQuery({
    queryKey: keys.notes,
    queryFn: async () => (await api.get<{ items: SupervisionNote[] }>('/supervision-notes')).items,
  });
}

/** Escalation timeliness for the caller's teams. */
export function useTimeliness(weeks: number) {
  return useQuery({
    queryKey: keys.timeliness(weeks),
    queryFn: () => api.get<Timeliness>('/handover-timeliness', { weeks }),
  });
}
