import { createApp, watch } from 'vue';
import App from './App.vue';
import { router } from './router';
import { session } from './session';
import './styles/main.css';

// A session that ended while the app was open (401 on any call) sends the user to login.
watch(
  () => session.expired,
  (expired) => {
    if (expired && router.currentRoute.value.path !== '/login') {
      void router.push({ path: '/login', query: { next: router.currentRoute.value.fullPath } });
    }
  },
);

createApp(App).use(router).mount('#app');
