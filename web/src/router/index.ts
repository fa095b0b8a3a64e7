import { watch } from 'vue';
import {
  createRouter,
  type RouteMeta,
  createWebHistory,
  type RouteRecordRaw,
  type Router,
  type RouterHistory,
} from 'vue-router';
import type { Auth } from '../composables/useAuth';

declare module 'vue-router' {
  interface RouteMeta {
    requiresAuth?: boolean;
    guestOnly?: boolean;
    chatPane?: 'none' | 'session' | 'new-group' | 'groups' | 'people';
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', redirect: '/profile' },
  {
    path: '/login',
    name: 'login',
    component: () => import('../pages/LoginPage.vue'),
    meta: { guestOnly: true },
  },
  {
    path: '/register',
    name: 'register',
    component: () => import('../pages/RegisterPage.vue'),
    meta: { guestOnly: true },
  },
  {
    path: '/profile',
    name: 'profile',
    component: () => import('../pages/ProfilePage.vue'),
    meta: { requiresAuth: true },
  },
  chatRoute('/chat', 'chat', 'none'),
  chatRoute('/chat/new-group', 'new-group', 'new-group'),
  chatRoute('/chat/groups', 'public-groups', 'groups'),
  chatRoute('/chat/people', 'people', 'people'),
  chatRoute('/chat/:sessionId', 'session', 'session'),
  { path: '/:pathMatch(.*)*', redirect: '/' },
];

/** Every chat path shows the same page; `chatPane` says what goes beside the session list. */
function chatRoute(
  path: string,
  name: string,
  chatPane: NonNullable<RouteMeta['chatPane']>,
): RouteRecordRaw {
  const component = () => import('../pages/ChatPage.vue');
  return { path, name, component, meta: { requiresAuth: true, chatPane } };
}

export function createAppRouter(auth: Auth, history: RouterHistory = createWebHistory()): Router {
  const router = createRouter({ history, routes });

  router.beforeEach((to) => {
    const loggedIn = auth.isLoggedIn.value;

    if (to.meta.requiresAuth && !loggedIn) return { name: 'login' };
    if (to.meta.guestOnly && loggedIn) return { name: 'profile' };
    return true;
  });

  // The session can end without navigation: a failed refresh, or logout in another tab.
  watch(auth.isLoggedIn, (loggedIn) => {
    if (!loggedIn && router.currentRoute.value.meta.requiresAuth) void router.replace('/login');
  });

  return router;
}
