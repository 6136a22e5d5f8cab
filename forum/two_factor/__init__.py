"""Two-factor sign-in for staff: an authenticator app (TOTP) and single-use recovery codes.

After the password, a staff member who must use two factors (STAFF_2FA_REQUIRED) and has
no confirmed authenticator is sent to enrol one; one who has is asked for a code. Until
then every admin page redirects here.
"""
