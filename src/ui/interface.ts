/**
 * The interface, as the element loads it when something is to be shown: the banner (in this
 * module, so a first visit needs one request for it) and the full center (its own module,
 * loaded when the page shows it inline or the customer opens the dialog).
 */
import mountBanner from './banner-view.js';
import {useLocale} from './localization.js';
import type {CenterView, View, ViewPort} from './port.js';

/**
 * For the embeds' placeholders (browser/embeds.ts), which share the banner's translations and
 * text helpers: taken from here, they come with this module in one file, so a first visit's
 * banner is not split into more, smaller files for their sake.
 */
export {useLocale};

export interface PageInterface {
  /** Renders what the state asks for, loading the center first if it is now wanted. */
  render(): Promise<void>;
  /** Opens the dialog (loading the center first), focus on `purposeId`'s switch; whether it could. */
  open(purposeId?: string): Promise<boolean>;
  /** The center in place: focus on `purposeId`'s switch (once shown), else its heading; whether shown. */
  focus(purposeId?: string): boolean;
  close(): void;
  dispose(): void;
}

export default function mountInterface(port: ViewPort): PageInterface {
  // The translation starts loading now, with the interface: its first render waits for the
  // configuration, and would only then ask for it.
  void useLocale(port.state().preferredLocales);
  const banner: View = mountBanner(port);
  let center: Promise<CenterView | undefined> | undefined;
  let mounted: CenterView | undefined;
  const centerReady = () => {
    center ??= import('./center-view.js').then(
      (loaded) => (mounted = loaded.default(port)),
      (error: unknown) => {
        // Browsers remember a module that failed for the life of the page: reported once.
        port.reportFailure('the interface (the center)', error);
        return undefined;
      },
    );
    return center;
  };
  return {
    async render() {
      const {mode, wantsDialog} = port.state();
      if (mode === 'inline') mounted?.close();
      const shown = mode === 'inline' || wantsDialog || center ? await centerReady() : undefined;
      await Promise.all([banner.render(), shown?.render()]);
    },
    async open(purposeId) {
      const shown = await centerReady();
      shown?.open(purposeId);
      return shown !== undefined;
    },
    focus: (purposeId) => mounted?.focus(purposeId) ?? false,
    close: () => mounted?.close(),
    dispose() {
      banner.dispose();
      mounted?.dispose();
    },
  };
}
