/**
 * Who an invitation or message goes to. Unipile's `POST /users/invite` and `POST /chats` take a
 * person's provider id; what a lead may hold instead is a member's public profile URL
 * (`linkedin.com/in/<slug>`), which one profile visit (`GET /users/<slug>`) turns into that id.
 * A company page (`linkedin.com/company/…`) is nobody to invite.
 */

const PROFILE = /^(?:https?:\/\/)?(?:[a-z]{2,3}\.)?(?:www\.)?linkedin\.com\/in\/([^/?#\s]+)\/?(?:[?#].*)?$/i;

/** The canonical form of a member's profile URL (as Unipile's webhooks send it), else null. */
export function personProfileUrl(url: string | null | undefined): string | null {
  const slug = url?.trim().match(PROFILE)?.[1];
  if (!slug) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(slug);
  } catch {
    return null;
  }
  return `https://www.linkedin.com/in/${encodeURIComponent(decoded.toLowerCase())}`;
}

/** True when the target still needs a profile visit before anything can be sent to it. */
export const needsProfileVisit = (target: string | null): boolean =>
  target !== null && personProfileUrl(target) !== null;

/**
 * The person to contact for a lead: an enriched decision maker's provider id first, then a
 * member profile URL (the decision maker's, then the lead's own). Null when there is none.
 */
export function contactTarget(
  maker: { providerId: string | null; profileUrl: string | null } | undefined,
  leadLinkedinUrl: string | null,
): string | null {
  return maker?.providerId || personProfileUrl(maker?.profileUrl) || personProfileUrl(leadLinkedinUrl);
}
