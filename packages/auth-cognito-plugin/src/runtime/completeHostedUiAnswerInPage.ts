import { completeSignInWithWebUI } from '../operations/hostedUi/signInWithWebUI.js';
import type { HostedUiRuntime } from '../hostedUi/HostedUiRuntime.js';
import { forgetHostedUiAnswerInPage, hostedUiAnswerInPage } from '../hostedUi/RedirectWebUIBrowser.js';
import type { AuthMachine } from '../session/AuthMachine.js';
import type { PluginRuntime } from '../operations/PluginRuntime.js';

/**
 * In a page loaded with the hosted UI's answer (`?code=&state=`), completes that sign-in: queued now, behind
 * the restore, so whatever the page calls after configure sees its outcome. The answer leaves the address
 * bar first, so a reload cannot replay it.
 */
export function completeHostedUiAnswerInPage(
  machine: AuthMachine,
  base: Omit<PluginRuntime, 'machine'>,
  hostedUi: HostedUiRuntime,
): void {
  const answer = hostedUiAnswerInPage();
  if (!answer) return;
  forgetHostedUiAnswerInPage();
  machine
    .run(async (view) => {
      return completeSignInWithWebUI({ ...base, machine: view }, hostedUi, answer);
    })
    .catch((error: unknown) =>
      base.logger.warn('The hosted-UI sign-in this page was loaded with did not complete.', error),
    );
}
