import { MINUTE } from './time.js';

/**
 * Failed sign-ins count against an account for this long: after RAPPORT_LOGIN_ATTEMPTS of them
 * inside the window, sign-in is refused until the oldest leaves it.
 */
export const LOGIN_WINDOW = 15 * MINUTE;
