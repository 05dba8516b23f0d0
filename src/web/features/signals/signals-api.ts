import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AlertAcknowledgeInput,
  AlertDto,
  ContactInput,
  CoordinationTimeline,
  SignalInput,
} from '../../../contracts/signals.ts';
import { api } from '../../lib/api.ts';

const keys = {
  coordination: (personId: string) => ['people', 'person', personId, 'coordination'] as const,
  alert: (id: string) => ['signals', 'alert', id] as const,
};

/** A person's case coordination timeline, as the server decided the caller may see it. */
export function useCoordination(personId: string) {
  return useQuery({
    queryKey: keys.coordination(personId),
    queryFn: () => api.get<CoordinationTimeline>(`/people/${personId}/coordination`),
  });
}

/** Records a risk signal. */
export function useRecordSignal(personId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SignalInput) => api.post<{ id: string }>(`/people/${personId}/signals`, input),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.coordination(personId) });
      void client.invalidateQueries({ queryKey: ['work'] });
    },
  });
}

/** Schedules or records a contact. */
export function useRecordContact(personId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ContactInput) =>
      api.post<{ id: string; derivedSignalId: string | null }>(`/people/${personId}/contacts`, input),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.coordination(personId) });
      void client.invalidateQueries({ queryKey: ['work'] });
    },
  });
}

/** An alert addressed to the caller. */
export function useAlert(id: string) {
  return useQuery({ queryKey: keys.alert(id), queryFn: () => api.get<AlertDto>(`/signal-alerts/${id}`) });
}

/** Acknowledges an alert with the agreed response. */
export function useAcknowledgeAlert(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: AlertAcknowledgeInput) =>
      api.post<AlertDto>(`/signal-alerts/${id}/acknowledge`, input),
    onSuccess: (alert) => {
      client.setQueryData(keys.alert(id), alert);
      void client.invalidateQueries({ queryKey: ['work'] });
    },
  });
}

/** The value of a datetime-local input for an instant, in the browser's time zone. */
export function localInputOf(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** The instant a datetime-local input names, or the raw text when it names none (the server says why). */
export function instantOf(value: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}
