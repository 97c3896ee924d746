import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import type { Role } from './api/types';
import { hasRole, loadSession, session } from './session';
import LoginPage from './pages/LoginPage.vue';
import WallPage from './pages/WallPage.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** Lowest role that may open the page; absent = no login needed. */
    role?: Role;
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/login', component: LoginPage },
  { path: '/', redirect: '/wall' },
  { path: '/wall', component: WallPage, meta: { role: 'OPERATOR' } },
  { path: '/alerts', component: () => import('./pages/AlertsPage.vue'), meta: { role: 'OPERATOR' } },
  { path: '/search', component: () => import('./pages/SearchPage.vue'), meta: { role: 'INVESTIGATOR' } },
  { path: '/trajectory', component: () => import('./pages/TrajectoryPage.vue'), meta: { role: 'INVESTIGATOR' } },
  { path: '/heatmap', component: () => import('./pages/HeatmapPage.vue'), meta: { role: 'INVESTIGATOR' } },
  { path: '/watchlist', component: () => import('./pages/WatchlistPage.vue'), meta: { role: 'INVESTIGATOR' } },
  { path: '/admin/cameras', component: () => import('./pages/admin/CamerasPage.vue'), meta: { role: 'ADMIN' } },
  { path: '/admin/health', component: () => import('./pages/admin/HealthPage.vue'), meta: { role: 'ADMIN' } },
  { path: '/admin/users', component: () => import('./pages/admin/UsersPage.vue'), meta: { role: 'ADMIN' } },
  { path: '/admin/retention', component: () => import('./pages/admin/RetentionPage.vue'), meta: { role: 'ADMIN' } },
  { path: '/admin/audit', component: () => import('./pages/admin/AuditPage.vue'), meta: { role: 'ADMIN' } },
  { path: '/:rest(.*)*', redirect: '/wall' },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  if (!session.ready) await loadSession();
  const needed = to.meta.role;
  if (!needed) return session.user && to.path === '/login' ? '/wall' : true;
  if (!session.user) return { path: '/login', query: { next: to.fullPath } };
  return hasRole(needed) ? true : '/wall';
});
