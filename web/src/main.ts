import { createApp } from 'vue';
import App from './App.vue';
import { useAuth } from './composables/useAuth';
import { bindConnectionToAuth, useConnection } from './composables/useConnection';
import { applyDocumentLocale } from './composables/useLocale';
import { createAppI18n, initialLocale } from './i18n';
import { createAppRouter } from './router';
import './styles/global.css';

const locale = initialLocale();
const auth = useAuth();

applyDocumentLocale(locale);
bindConnectionToAuth(useConnection(), auth);

createApp(App).use(createAppI18n(locale)).use(createAppRouter(auth)).mount('#app');
