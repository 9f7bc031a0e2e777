/**
 * Every text the web app shows, in Dutch. Pages import `t` and never write a user-facing string
 * themselves, so a second language is one more object of this shape.
 */
import { auth } from './auth';
import { common } from './common';
import { formatDate, formatDateTime, formatNumber, formatRelativeDays } from './format';

export const nl = { ...common, auth };

export const t = nl;
export { formatDate, formatDateTime, formatNumber, formatRelativeDays };
