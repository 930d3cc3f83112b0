"""Who is asking: sessions, sign-in and sign-out, role checks and the headers every response carries.

- :mod:`~dashboard.access.sessions`: the signed session cookie (Flask's, signed with itsdangerous:
  HttpOnly, SameSite=Lax, Secure behind TLS), its idle timeout, the signed-in :class:`~operations.roles.User`
  of a request and the role checks every page, callback and route calls on the server;
- :mod:`~dashboard.access.guard`: what runs around every request: the body-size limit, the Origin check
  of posts, private mode (everything but the sign-in page needs a sign-in), staff-only downloads and
  callbacks, and the security headers (CSP, frame-ancestors, nosniff, Referrer-Policy) and the development
  server's request handler without a version in its ``Server`` header;
- :mod:`~dashboard.access.routes`: ``/sign-in`` and ``/sign-out`` in Turkish and English (plain HTML
  forms with a CSRF token: they must work before any Dash script runs).

Accounts live in the operational database (:mod:`operations`); this package only reads them and
records sign-ins through :func:`operations.accounts.authenticate`.
"""
