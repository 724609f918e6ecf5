/** OAuth 2.0 client-credentials tokens (Microsoft Entra ID or any token URL) for XOAUTH2 SMTP. */
@NullMarked
package dev.mailroom.oauth;

import org.jspecify.annotations.NullMarked;
