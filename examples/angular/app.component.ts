// An Angular app: the tag is allowed by CUSTOM_ELEMENTS_SCHEMA; with strictTemplates, `$event`
// of (consent-change) is typed from the package's GlobalEventHandlersEventMap, and `#center`
// is the element itself (HTMLElementTagNameMap), so `center.open()` is checked too.
import {Component, CUSTOM_ELEMENTS_SCHEMA, signal} from '@angular/core';
import type {ConsentChangeEvent} from 'privacy-preferences';
import {config} from '../shop-config.js';

@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <button type="button" (click)="center.open()">Privacy choices</button>
      <privacy-preferences
        #center
        mode="modal"
        locale="en"
        [config]="config"
        (consent-change)="onChange($event)"
      ></privacy-preferences>
      <output id="changes">{{ changes().join('; ') }}</output>
    </main>
  `,
})
export class AppComponent {
  readonly config = config;
  readonly changes = signal<string[]>([]);

  onChange(event: ConsentChangeEvent): void {
    this.changes.update((seen) => [
      ...seen,
      `${event.detail.method} ${event.detail.changed.join(',')}`,
    ]);
  }
}
