/**
 * The banner's interface module, loaded only while a banner is to be shown: the first layer,
 * and the polite announcement that it arrived. The full center is another module.
 */
import {html, nothing, render} from 'lit/html.js';
import {msg} from '@lit/localize';
import {isRightToLeft, localizedText} from '../core/locale.js';
import {useLocale} from '../localization.js';
import {renderBanner} from './banner.js';
import {policyChangeNotice} from './notices.js';
import type {MountView, View} from './port.js';
import {baseStyles} from './styles/base.js';
import {bannerStyles} from './styles/banner.js';
import {adoptStyles} from './styles/sheet.js';

const mountBanner: MountView<View> = (port) => {
  const {root, host} = port;
  adoptStyles(root, baseStyles);
  adoptStyles(root, bannerStyles);
  // The banner renders first in the shadow root, the center (another module) after it.
  const marker = root.insertBefore(document.createComment(''), root.firstChild);
  let isAnnounced = false;
  return {
    async render() {
      const state = port.state();
      await useLocale(state.preferredLocales);
      const config = state.phase.kind === 'ready' ? state.phase.config : undefined;
      const shows = state.showsBanner && config !== undefined;
      const locale = state.preferredLocales[0] ?? 'en';
      const controller = config?.controller;
      render(
        html`<p class="visually-hidden" aria-live="polite">
            ${shows && isAnnounced ? msg('Your privacy choices') : nothing}
          </p>
          ${
            shows
              ? renderBanner({
                  lang: locale,
                  dir: isRightToLeft(locale) ? 'rtl' : 'ltr',
                  controllerName: controller && localizedText(controller.name, locale),
                  policyUrl: config.policyUrl,
                  policyChange: policyChangeNotice(config, state.policyChange, locale),
                  onAcceptAll: () => port.acceptAll(),
                  onRejectAll: () => port.rejectAll(),
                  onChoose: () => port.choose(),
                })
              : nothing
          }`,
        root,
        {renderBefore: marker, host},
      );
      // The live region is in the page before its text arrives, so the arrival is announced.
      if (shows && !isAnnounced) {
        isAnnounced = true;
        await new Promise(requestAnimationFrame);
        await this.render();
      }
      if (!shows) isAnnounced = false;
    },
    dispose() {
      render(nothing, root, {renderBefore: marker});
      marker.remove();
    },
  };
};

export default mountBanner;
