// The configuration every example uses, typed as a site owner writes it.
import type {PrivacyConfigInput} from 'privacy-preferences';

export const config: PrivacyConfigInput = {
  policyVersion: '2026-11-01',
  policyUrl: '/privacy',
  controller: {name: 'Example Shop'},
  purposes: [
    {
      id: 'essential',
      title: 'Keeping you signed in',
      description: 'A cookie that remembers your session.',
      benefit: 'You stay signed in and your basket is kept.',
      required: true,
      legalBasis: 'contract',
    },
    {
      id: 'analytics',
      title: 'Usage analytics',
      description: 'Which pages you visit and how long pages take to load.',
      benefit: 'We find and fix slow or confusing pages sooner.',
      data: ['Pages visited', 'Device type'],
      recipients: [{name: 'Example Analytics Inc.', url: 'https://analytics.example/privacy'}],
      retention: '13 months',
    },
  ],
};
