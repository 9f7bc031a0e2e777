/**
 * Every page of the app in one table: its path, who may open it, and whether it is in the menu.
 * The router and the navigation both read it, so the menu never offers a page the role may not
 * open, and typing such a page's address shows "Geen toegang".
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from './auth/session';
import { t } from './messages';

export interface PageRoute {
  path: string;
  roles: Role[];
  page: LazyExoticComponent<ComponentType>;
  /** the menu's label; absent = not in the menu */
  nav?: string;
  icon?:
    | 'home'
    | 'places'
    | 'board'
    | 'pupils'
    | 'proposals'
    | 'contacts'
    | 'bell'
    | 'user'
    | 'mediation'
    | 'mover'
    | 'table'
    | 'calendar'
    | 'rounds'
    | 'admin'
    | 'chart';
}

const ALL: Role[] = ['coordinator', 'advisor', 'admin'];

export const pageRoutes: PageRoute[] = [
  {
    path: '/',
    roles: ALL,
    page: lazy(() => import('./pages/StartPage')),
    nav: t.nav.start,
    icon: 'home',
  },
  {
    path: '/vrije-plaatsen',
    roles: ['coordinator', 'admin'],
    page: lazy(() => import('./pages/OffersPage')),
    nav: t.nav.offers,
    icon: 'places',
  },
  {
    path: '/regiobord',
    roles: ALL,
    page: lazy(() => import('./pages/BoardPage')),
    nav: t.nav.board,
    icon: 'board',
  },
  {
    path: '/leerlingen',
    roles: ALL,
    page: lazy(() => import('./pages/PupilsPage')),
    nav: t.nav.pupils,
    icon: 'pupils',
  },
  {
    path: '/leerlingen/nieuw',
    roles: ['coordinator', 'advisor', 'admin'],
    page: lazy(() => import('./pages/PupilFormPage')),
  },
  { path: '/leerlingen/:id', roles: ALL, page: lazy(() => import('./pages/PupilFormPage')) },
  {
    path: '/voorstellen',
    roles: ALL,
    page: lazy(() => import('./pages/ProposalsPage')),
    nav: t.nav.proposals,
    icon: 'proposals',
  },
  { path: '/voorstellen/:id', roles: ALL, page: lazy(() => import('./pages/ProposalsPage')) },
  {
    path: '/contacten',
    roles: ALL,
    page: lazy(() => import('./pages/ContactsPage')),
    nav: t.nav.contacts,
    icon: 'contacts',
  },
  {
    path: '/meldingen',
    roles: ALL,
    page: lazy(() => import('./pages/NotificationsPage')),
    nav: t.nav.notifications,
    icon: 'bell',
  },
  // Part 2: advisors and the office.
  {
    path: '/bemiddeling',
    roles: ['advisor', 'admin'],
    page: lazy(() => import('./pages/MediationPage')),
    nav: t.nav.mediation,
    icon: 'mediation',
  },
  {
    path: '/bemiddeling/:id',
    roles: ['advisor', 'admin'],
    page: lazy(() => import('./pages/MediationCasePage')),
  },
  {
    path: '/instromers',
    roles: ['advisor', 'admin'],
    page: lazy(() => import('./pages/MoversPage')),
    nav: t.nav.movers,
    icon: 'mover',
  },
  {
    path: '/plaatsingstafel',
    roles: ['advisor', 'admin', 'coordinator'],
    page: lazy(() => import('./pages/PlacementTablePage')),
    nav: t.nav.placementTable,
    icon: 'table',
  },
  {
    path: '/monitor',
    roles: ALL,
    page: lazy(() => import('./pages/MonitorPage')),
    nav: t.nav.monitor,
    icon: 'chart',
  },
  {
    path: '/seizoenen',
    roles: ['admin'],
    page: lazy(() => import('./pages/SeasonsPage')),
    nav: t.nav.seasons,
    icon: 'calendar',
  },
  { path: '/seizoenen/:id', roles: ['admin'], page: lazy(() => import('./pages/SeasonsPage')) },
  {
    path: '/rondes',
    roles: ['admin', 'advisor'],
    page: lazy(() => import('./pages/RoundsPage')),
    nav: t.nav.rounds,
    icon: 'rounds',
  },
  {
    path: '/rondes/:id',
    roles: ['admin', 'advisor'],
    page: lazy(() => import('./pages/RoundPage')),
  },
  {
    path: '/beheer',
    roles: ['admin'],
    page: lazy(() => import('./pages/AdminPage')),
    nav: t.nav.admin,
    icon: 'admin',
  },
  { path: '/beheer/:tab', roles: ['admin'], page: lazy(() => import('./pages/AdminPage')) },
  { path: '/account', roles: ALL, page: lazy(() => import('./pages/AccountPage')) },
];
