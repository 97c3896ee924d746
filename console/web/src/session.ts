import { reactive } from 'vue';
import { api, ApiError, setCsrfToken, setUnauthenticatedHandler } from './api/client';
import type { Role, Session, User } from './api/types';

const rank: Record<Role, number> = { OPERATOR: 1, INVESTIGATOR: 2, ADMIN: 3 };

export const session = reactive({
  user: null as User | null,
  /** Set once /api/auth/me has answered at start-up. */
  ready: false,
  /** Set when the server said the session ended (the router sends the user to login). */
  expired: false,
});

function adopt(s: Session | null): void {
  session.user = s?.user ?? null;
  setCsrfToken(s?.csrfToken ?? null);
}

setUnauthenticatedHandler(() => {
  if (session.user) session.expired = true;
  adopt(null);
});

export async function loadSession(): Promise<void> {
  try {
    adopt(await api.get<Session>('/api/auth/me'));
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) console.warn('auth/me failed', e);
    adopt(null);
  } finally {
    session.ready = true;
  }
}

export async function login(username: string, password: string): Promise<void> {
  adopt(await api.post<Session>('/api/auth/login', { username, password }));
  session.expired = false;
}

export async function logout(): Promise<void> {
  try {
    await api.post('/api/auth/logout');
  } finally {
    adopt(null);
  }
}

export function hasRole(min: Role): boolean {
  return !!session.user && rank[session.user.role] >= rank[min];
}
