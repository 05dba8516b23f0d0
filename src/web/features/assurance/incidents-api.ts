import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Incident,
  IncidentInput,
  IncidentPromoteInput,
  IncidentUpdate,
} from '../../../contracts/incidents.ts';
import { api } from '../../lib/api.ts';

const key = ['incidents'] as const;

/** The caller's organisation's incidents, newest first. */
export function useIncidents() {
  return useQuery({
    queryKey: [...key, 'list'],
    queryFn: () => api.get<{ items: Incident[] }>('/assurance/incidents'),
  });
}

/** One incident. */
export function useIncident(id: string) {
  return useQuery({
    queryKey: [...key, 'one', id],
    queryFn: () => api.get<Incident>(`/assurance/incidents/${id}`),
  });
}

/** Recording, updating and closing incidents. */
export function useIncidentMutations(id?: string) {
  const client = useQueryClient();
  const saved = (incident: Incident) => {
    client.setQueryData([...key, 'one', incident.id], incident);
    return client.invalidateQueries({ queryKey: [...key, 'list'] });
  };
  return {
    create: useMutation({
      mutationFn: (input: IncidentInput) => api.post<Incident>('/assurance/incidents', input),
      onSuccess: saved,
    }),
    promote: useMutation({
      mutationFn: ({ caseId, input }: { caseId: string; input: IncidentPromoteInput }) =>
        api.post<Incident>(`/assurance/cases/${caseId}/incident`, input),
      onSuccess: saved,
    }),
    update: useMutation({
      mutationFn: (input: IncidentUpdate) => api.put<Incident>(`/assurance/incidents/${id ?? ''}`, input),
      onSuccess: saved,
    }),
    close: useMutation({
      mutationFn: () => api.post<Incident>(`/assurance/incidents/${id ?? ''}/close`, {}),
      onSuccess: saved,
    }),
  };
}
