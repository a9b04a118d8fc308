import type {
  AuthCodeDeliveryDetails,
  AuthResetPasswordResult,
  AuthSignInResult,
  AuthSignUpOptions,
  AuthSignUpResult,
  AuthUpdateAttributeResult,
  AuthUserAttribute,
  TOTPSetupDetails,
} from '@plugboard/core';
import type { MFAPreference, UserMFAPreference } from '../operations/userPool/mfaPreference.js';
import type { AuthDevice } from '../operations/userPool/devices/deviceOperations.js';
import type { AuthErrorCallback } from '../types.js';
import type { UserPoolMethodName } from '../runtime/userPoolMethods.js';
import { pool, type Method } from './method.js';
import {
  PASSWORDLESS_METHODS,
  type AWSCognitoPasswordlessMethods,
  type UpdateMFAPreferenceInput,
} from './passwordlessMethods.js';

/**
 * The user-pool methods of `AWSCognitoAuthPlugin` beyond sign-in: sign-up, passwords, attributes,
 * TOTP and MFA preferences, remembered devices, passkeys. Each has the promise form and the callback form of Amplify Android.
 */
export interface AWSCognitoUserPoolMethods extends AWSCognitoPasswordlessMethods {
  /** Registers a user; `nextStep.signUpStep` says whether a confirmation code was sent. */
  signUp(username: string, password: string, options?: AuthSignUpOptions): Promise<AuthSignUpResult>;
  /** Callback form of `signUp`: `onSuccess` receives the result, `onError` the AuthException (e.g. UsernameExistsException). */
  signUp(
    username: string,
    password: string,
    onSuccess: (result: AuthSignUpResult) => void,
    onError: AuthErrorCallback,
  ): void;
  /** Callback form of `signUp` with options (user attributes, `autoSignIn`, client metadata). */
  signUp(
    username: string,
    password: string,
    options: AuthSignUpOptions | undefined,
    onSuccess: (result: AuthSignUpResult) => void,
    onError: AuthErrorCallback,
  ): void;

  /** Confirms a sign-up with the code the user received. */
  confirmSignUp(username: string, confirmationCode: string): Promise<AuthSignUpResult>;
  /** Callback form of `confirmSignUp`: `onSuccess` receives the result, `onError` the AuthException (e.g. a wrong code). */
  confirmSignUp(
    username: string,
    confirmationCode: string,
    onSuccess: (result: AuthSignUpResult) => void,
    onError: AuthErrorCallback,
  ): void;

  /** Sends the sign-up confirmation code again. */
  resendSignUpCode(username: string): Promise<AuthCodeDeliveryDetails>;
  /** Callback form of `resendSignUpCode`: `onSuccess` receives where the code was sent. */
  resendSignUpCode(
    username: string,
    onSuccess: (result: AuthCodeDeliveryDetails) => void,
    onError: AuthErrorCallback,
  ): void;

  /** Signs in the user of a confirmed `signUp(..., { autoSignIn: true })`. */
  autoSignIn(): Promise<AuthSignInResult>;
  /** Callback form of `autoSignIn`: `onSuccess` receives the sign-in result, `onError` the AuthException. */
  autoSignIn(onSuccess: (result: AuthSignInResult) => void, onError: AuthErrorCallback): void;

  /** Starts a password reset: a code goes to the user. */
  resetPassword(username: string): Promise<AuthResetPasswordResult>;
  /** Callback form of `resetPassword`: `onSuccess` receives the result with where the code was sent. */
  resetPassword(
    username: string,
    onSuccess: (result: AuthResetPasswordResult) => void,
    onError: AuthErrorCallback,
  ): void;

  /** Sets a new password with the code from `resetPassword`. */
  confirmResetPassword(username: string, newPassword: string, confirmationCode: string): Promise<void>;
  /** Callback form of `confirmResetPassword`: `onSuccess` once the new password is set. */
  confirmResetPassword(
    username: string,
    newPassword: string,
    confirmationCode: string,
    onSuccess: () => void,
    onError: AuthErrorCallback,
  ): void;

  /** Changes the signed-in user's password. */
  updatePassword(oldPassword: string, newPassword: string): Promise<void>;
  /** Callback form of `updatePassword`: `onError` receives SignedOutException when no user is signed in. */
  updatePassword(
    oldPassword: string,
    newPassword: string,
    onSuccess: () => void,
    onError: AuthErrorCallback,
  ): void;

  /** The signed-in user's attributes. */
  fetchUserAttributes(): Promise<AuthUserAttribute[]>;
  /** Callback form of `fetchUserAttributes`: `onSuccess` receives the attributes, `onError` SignedOutException when signed out. */
  fetchUserAttributes(onSuccess: (result: AuthUserAttribute[]) => void, onError: AuthErrorCallback): void;

  /** Updates attributes; verified ones (e.g. email) then wait for `confirmUserAttribute`. */
  updateUserAttributes(
    attributes: readonly AuthUserAttribute[],
  ): Promise<Record<string, AuthUpdateAttributeResult>>;
  /** Callback form of `updateUserAttributes`: `onSuccess` receives the result per attribute key. */
  updateUserAttributes(
    attributes: readonly AuthUserAttribute[],
    onSuccess: (result: Record<string, AuthUpdateAttributeResult>) => void,
    onError: AuthErrorCallback,
  ): void;

  /** Verifies an attribute with the code the pool sent. */
  confirmUserAttribute(key: string, confirmationCode: string): Promise<void>;
  /** Callback form of `confirmUserAttribute`: `onSuccess` once the attribute is verified. */
  confirmUserAttribute(
    key: string,
    confirmationCode: string,
    onSuccess: () => void,
    onError: AuthErrorCallback,
  ): void;

  /** Sends an attribute's verification code again. */
  resendUserAttributeConfirmationCode(key: string): Promise<AuthCodeDeliveryDetails>;
  /** Callback form of `resendUserAttributeConfirmationCode`: `onSuccess` receives where the code was sent. */
  resendUserAttributeConfirmationCode(
    key: string,
    onSuccess: (result: AuthCodeDeliveryDetails) => void,
    onError: AuthErrorCallback,
  ): void;

  /** Starts setting up a TOTP authenticator for the signed-in user. */
  setUpTOTP(): Promise<TOTPSetupDetails>;
  /** Callback form of `setUpTOTP`: `onSuccess` receives the shared secret (and `getSetupURI` for a QR code). */
  setUpTOTP(onSuccess: (result: TOTPSetupDetails) => void, onError: AuthErrorCallback): void;

  /** Completes the TOTP setup with a code from the authenticator. */
  verifyTOTPSetup(code: string): Promise<void>;
  /** Callback form of `verifyTOTPSetup`: `onSuccess` once the authenticator is verified. */
  verifyTOTPSetup(code: string, onSuccess: () => void, onError: AuthErrorCallback): void;

  /** Enables, disables or prefers SMS, TOTP and e-mail MFA (a method left out stays as it is). */
  updateMFAPreference(input: UpdateMFAPreferenceInput): Promise<void>;
  /** Callback form of `updateMFAPreference` with the record of preferences. */
  updateMFAPreference(
    input: UpdateMFAPreferenceInput,
    onSuccess: () => void,
    onError: AuthErrorCallback,
  ): void;
  /** Enables, disables or prefers SMS and TOTP MFA (undefined leaves a method as it is). */
  updateMFAPreference(sms?: MFAPreference, totp?: MFAPreference): Promise<void>;
  /** Callback form of `updateMFAPreference` with the SMS and TOTP preferences. */
  updateMFAPreference(
    sms: MFAPreference | undefined,
    totp: MFAPreference | undefined,
    onSuccess: () => void,
    onError: AuthErrorCallback,
  ): void;

  /** The signed-in user's enabled and preferred MFA methods. */
  fetchMFAPreference(): Promise<UserMFAPreference>;
  /** Callback form of `fetchMFAPreference`: `onSuccess` receives the enabled and preferred methods. */
  fetchMFAPreference(onSuccess: (result: UserMFAPreference) => void, onError: AuthErrorCallback): void;

  /** Remembers the current device (pools with user opt-in): later sign-ins on it skip MFA. */
  rememberDevice(): Promise<void>;
  /** Callback form of `rememberDevice`: `onSuccess` once the device is remembered. */
  rememberDevice(onSuccess: () => void, onError: AuthErrorCallback): void;

  /** Forgets a device of the user: the current one when left out (its record here goes too). */
  forgetDevice(device?: { readonly id: string }): Promise<void>;
  /** Callback form of `forgetDevice`: `onSuccess` once the device is forgotten. */
  forgetDevice(
    device: { readonly id: string } | undefined,
    onSuccess: () => void,
    onError: AuthErrorCallback,
  ): void;

  /** The devices the user pool keeps for the signed-in user. */
  fetchDevices(): Promise<AuthDevice[]>;
  /** Callback form of `fetchDevices`: `onSuccess` receives the devices. */
  fetchDevices(onSuccess: (result: AuthDevice[]) => void, onError: AuthErrorCallback): void;
}

/**
 * The rows of these methods in the one method table (`methods.ts`): the arity. Their argument checks and
 * operations are the user-pool side's (`runtime/userPoolMethods.ts`, loaded on first use), checked there
 * before any request.
 */
export const USER_POOL_METHODS = {
  signUp: pool(2),
  confirmSignUp: pool(2),
  resendSignUpCode: pool(1),
  autoSignIn: pool(0),
  resetPassword: pool(1),
  confirmResetPassword: pool(3),
  updatePassword: pool(2),
  fetchUserAttributes: pool(0),
  updateUserAttributes: pool(1),
  confirmUserAttribute: pool(2),
  resendUserAttributeConfirmationCode: pool(1),
  setUpTOTP: pool(0),
  verifyTOTPSetup: pool(1),
  // updateMFAPreference({ sms, totp, email }, ...callbacks): an object first is the record form, the one
  // positional argument; otherwise (sms, totp).
  updateMFAPreference: pool((args) => (typeof args[0] === 'object' && args[0] !== null ? 1 : 2)),
  fetchMFAPreference: pool(0),
  rememberDevice: pool(0),
  // forgetDevice(device | undefined, onSuccess, onError) in callback style.
  forgetDevice: pool(1),
  fetchDevices: pool(0),
  ...PASSWORDLESS_METHODS,
} satisfies Record<keyof AWSCognitoUserPoolMethods, Method> &
  // a signature whose method has no check and operation on the user-pool side does not compile
  Record<Exclude<keyof AWSCognitoUserPoolMethods, UserPoolMethodName>, never>;
