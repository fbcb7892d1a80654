-- Console sessions that are still open: a signed cookie is accepted only
-- while its id is here, so signing out ends it everywhere, even for a copy
-- of the cookie. Rows past expires_at (unix seconds) are deleted at each
-- sign-in.
CREATE TABLE admin_sessions (
  id TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
);
