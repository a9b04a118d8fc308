// One way to find and launch Chromium for every browser test: the browser game's (CHROMIUM_PATH or
// Debian's paths; skipped with a loud notice locally, a failure with CI=true).
export { chromiumAvailable, launchChromium } from '../../../../examples/browser-game/test/chromium';
