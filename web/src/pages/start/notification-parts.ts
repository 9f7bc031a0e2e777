/** Notices: their page in this app, and marking them read (start page and /meldingen). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { t } from '../../messages';

export type Notice = Schemas['NotificationView'];
export type NoticePage = Schemas['NotificationPage'];

/** Paths of notices made before the web app had Dutch addresses. */
const LEGACY: [RegExp, string][] = [
  [/^\/proposals(?=\/|$)/, '/voorstellen'],
  [/^\/transfer-requests(?=\/|$)/, '/leerlingen'],
];

/**
 * The notice's page inside this app. The API stores the link absolute (with its public address,
 * for the e-mail); the router needs the path. Null when there is no page to go to.
 */
export function noticePath(link: string | null): string | null {
  if (!link) return null;
  let path: string;
  try {
    const u = new URL(link, window.location.origin);
    path = `${u.pathname}${u.search}${u.hash}`;
  } catch {
    return null;
  }
  if (path.startsWith('/api/')) return null;
  for (const [from, to] of LEGACY) path = path.replace(from, to);
  // Old links carried API filters (?roundId=…&status=…); the pages have their own.
  if (path.startsWith('/voorstellen?')) path = '/voorstellen';
  return path;
}

/** "Voorstellen", "Bemiddeling", … from the notice's kind (proposals.arrived, mediation.opened). */
export function noticeKind(kind: string): string | null {
  return t.pages.notifications.kinds[kind.split('.')[0]] ?? null;
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      call(api.POST('/api/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
