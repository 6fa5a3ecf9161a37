// Type-checked only (never bootstrapped): a handler that expects another event fails ngc.
import {Component, CUSTOM_ELEMENTS_SCHEMA} from '@angular/core';
import type {ConsentSavedEvent} from 'privacy-preferences';

@Component({
  selector: 'app-misuse',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `<privacy-preferences (consent-change)="onSaved($event)"></privacy-preferences>`,
})
export class MisuseComponent {
  onSaved(event: ConsentSavedEvent): string | undefined {
    return event.detail.receiptId;
  }
}
