// Angular's packages ship partially compiled; without the Angular CLI's linker, the JIT
// compiler links them at start-up. The app's own component is compiled ahead of time (ngc).
import '@angular/compiler';
import 'privacy-preferences';
import {provideZonelessChangeDetection} from '@angular/core';
import {bootstrapApplication} from '@angular/platform-browser';
import {AppComponent} from './app.component.js';

bootstrapApplication(AppComponent, {providers: [provideZonelessChangeDetection()]}).catch(
  (error: unknown) => console.error(error),
);
