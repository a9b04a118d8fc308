// The user-pool operations, re-exported by the user-pool side of the runtime (`runtime/userPool.ts`).
export { autoSignIn } from './autoSignIn.js';
export { confirmResetPassword } from './confirmResetPassword.js';
export { confirmSignInStep } from './confirmSignInStep.js';
export { confirmSignUp } from './confirmSignUp.js';
export { confirmUserAttribute } from './confirmUserAttribute.js';
export { fetchUserAttributes } from './fetchUserAttributes.js';
export { fetchMFAPreference, updateMFAPreference } from './mfaPreference.js';
export { resendSignUpCode } from './resendSignUpCode.js';
export { resendUserAttributeConfirmationCode } from './resendUserAttributeConfirmationCode.js';
export { resetPassword } from './resetPassword.js';
export { setUpTOTP } from './setUpTOTP.js';
export { signUp } from './signUp.js';
export { startSignIn } from './startSignIn.js';
export { updatePassword } from './updatePassword.js';
export { updateUserAttributes } from './updateUserAttributes.js';
export { verifyTOTPSetup } from './verifyTOTPSetup.js';
export { deleteUser } from './deleteUser.js';
export { getCurrentUser } from './getCurrentUser.js';
