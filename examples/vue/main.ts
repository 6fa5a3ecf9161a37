import 'privacy-preferences';
import type {} from 'privacy-preferences/vue';
import {createApp} from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
