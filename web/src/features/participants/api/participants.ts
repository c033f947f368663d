import {
  infiniteQueryOptions,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import type { paths } from '../../../generated/api';
import { api, dataOf } from '../../../lib/api-client';

/** The kinds of participant the operator lists and registers, by their path segment. */
export const PARTICIPANT_KINDS = ['stores', 'manufacturers', 'customers'] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

export type Participant =
  paths['/v1/participants/stores']['get']['responses'][200]['content']['application/json']['participants'][number];

export type StoreRegistration =
  paths['/v1/participants/stores']['post']['requestBody']['content']['application/json'];
export type ManufacturerRegistration =
  paths['/v1/participants/manufacturers']['post']['requestBody']['content']['application/json'];
export type CustomerRegistration =
  paths['/v1/participants/customers']['post']['requestBody']['content']['application/json'];

export const PAGE_SIZE = 100;

async function listPage(kind: ParticipantKind, after: string) {
  const params = { query: { after, limit: PAGE_SIZE } };
  switch (kind) {
    case 'stores':
      return dataOf(await api.GET('/v1/participants/stores', { params }));
    case 'manufacturers':
      return dataOf(await api.GET('/v1/participants/manufacturers', { params }));
    case 'customers':
      return dataOf(await api.GET('/v1/participants/customers', { params }));
  }
}

/** The registered participants of a kind, by id, a page at a time (`after` the last id). */
export function participantsQuery(kind: ParticipantKind) {
  return infiniteQueryOptions({
    queryKey: ['participants', kind],
    queryFn: ({ pageParam }) => listPage(kind, pageParam),
    initialPageParam: '',
    getNextPageParam: (last) =>
      last.participants.length < PAGE_SIZE ? undefined : last.participants.at(-1)?.id,
  });
}

export function useParticipants(kind: ParticipantKind) {
  return useInfiniteQuery(participantsQuery(kind));
}

/** What registering a participant of each kind takes. */
export interface Registrations {
  stores: StoreRegistration;
  manufacturers: ManufacturerRegistration;
  customers: CustomerRegistration;
}

async function register<K extends ParticipantKind>(kind: K, body: Registrations[K]) {
  switch (kind) {
    case 'stores':
      return dataOf(await api.POST('/v1/participants/stores', { body: body as StoreRegistration }));
    case 'manufacturers':
      return dataOf(
        await api.POST('/v1/participants/manufacturers', {
          body: body as ManufacturerRegistration,
        }),
      );
    default:
      return dataOf(
        await api.POST('/v1/participants/customers', { body: body as CustomerRegistration }),
      );
  }
}

/** Registers a participant on the ledger; the list is fetched again once it is committed. */
export function useRegister<K extends ParticipantKind>(kind: K) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Registrations[K]) => register(kind, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['participants', kind] }),
  });
}

export type ParticipantStatus = 'active' | 'suspended';

async function setStatus(kind: ParticipantKind, id: string, status: ParticipantStatus) {
  const options = { params: { path: { id } }, body: { status } };
  switch (kind) {
    case 'stores':
      return dataOf(await api.PUT('/v1/participants/stores/{id}/status', options));
    case 'manufacturers':
      return dataOf(await api.PUT('/v1/participants/manufacturers/{id}/status', options));
    case 'customers':
      return dataOf(await api.PUT('/v1/participants/customers/{id}/status', options));
  }
}

/** Suspends or reinstates a participant. */
export function useSetStatus(kind: ParticipantKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: ParticipantStatus }) =>
      setStatus(kind, id, status),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['participants', kind] }),
  });
}
