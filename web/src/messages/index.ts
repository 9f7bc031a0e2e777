/**
 * Every text the web app shows, in Dutch. Pages import `t` and never write a user-facing string
 * themselves, so a second language is one more object of this shape.
 */
import { advisor } from './advisor';
import { auth } from './auth';
import { common } from './common';
import { monitor } from './monitor';
import { offers } from './offers';
import { office } from './office';
import { pupils } from './pupils';
import { formatDate, formatDateTime, formatNumber, formatRelativeDays } from './format';
import { pages } from './pages';

export const nl = { ...common, auth, offers, pupils, pages, advisor, monitor, office };

export const t = nl;
export { formatDate, formatDateTime, formatNumber, formatRelativeDays };
