package main

// The container image is FROM scratch: no CA certificates, no time zone
// database, nothing but this binary. These two packages carry both inside
// it. Each is a fallback: on a host that has its own (/etc/ssl/certs,
// /usr/share/zoneinfo), Go uses the host's, so the systemd unit and a
// binary run by hand behave as before.
import (
	// Mozilla's NSS root certificates, used by crypto/x509 only when the
	// system has none: HTTPS to Telegram, to feeds and to embedding APIs.
	_ "golang.org/x/crypto/x509roots/fallback"
	// The IANA time zone database, used by time.LoadLocation only when the
	// system has none.
	_ "time/tzdata"
)
