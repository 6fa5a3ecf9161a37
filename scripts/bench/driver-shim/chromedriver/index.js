// Tachometer imports the `chromedriver` package before it starts Chrome (the real package puts
// its downloaded driver on PATH). We start the system's chromedriver ourselves and hand
// tachometer its URL (scripts/bench/tachometer.mjs), so importing this does nothing.
export const path = process.env.CHROMEDRIVER_PATH || '/usr/bin/chromedriver';
