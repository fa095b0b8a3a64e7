import { mount, type ComponentMountingOptions } from '@vue/test-utils';
import type { Component } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { createAppI18n } from '../i18n';
import type { AppLocale } from '../i18n/locales';

const Blank = { render: () => null };

/** Mounts a component with the real messages and a router that knows the app's paths. */
export async function mountWithApp<C extends Component>(
  component: C,
  options: { locale?: AppLocale; props?: Record<string, unknown> } = {},
) {
  const i18n = createAppI18n(options.locale ?? 'en');
  const router = createRouter({
    history: createMemoryHistory(),
    routes: ['/', '/login', '/register', '/profile', '/chat'].map((path) => ({
      path,
      component: Blank,
    })),
  });

  await router.push('/');
  await router.isReady();

  const wrapper = mount(component, {
    props: options.props,
    global: { plugins: [i18n, router] },
  } as ComponentMountingOptions<C>);

  return { wrapper, i18n, router };
}
