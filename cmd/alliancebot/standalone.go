package main

// The container image is FROM scratch: no CA certificates, no time zone
// database, nothing but this binary. The binary carries both. Each is a
// fallback: on a host that has its own (/etc/ssl/certs,
// /usr/share/zoneinfo), Go uses the host's, so the systemd unit and a
// binary run by hand behave as before.
import (
	"crypto/x509"
	"strings"
	"sync"

	// Mozilla's NSS root certificates, used by crypto/x509 only when the
	// system has none: HTTPS to Telegram, to feeds and to embedding APIs.
	// installFallbackRoots parses them for the commands that may reach the
	// network; importing golang.org/x/crypto/x509roots/fallback instead
	// would parse them in every process, ask included (about 5 ms of
	// package initialisation).
	"golang.org/x/crypto/x509roots/fallback/bundle"
	// The IANA time zone database, used by time.LoadLocation only when the
	// system has none.
	_ "time/tzdata"
)

// installFallbackRoots gives crypto/x509 the carried roots, as the
// fallback package's init does; later calls do nothing.
var installFallbackRoots = sync.OnceFunc(func() {
	pool := x509.NewCertPool()
	for root := range bundle.Roots() {
		cert, err := x509.ParseCertificate(root.Certificate)
		if err != nil {
			panic(err) // the bundle is fixed at build time and tested upstream
		}
		if root.Constraint == nil {
			pool.AddCert(cert)
		} else {
			pool.AddCertWithConstraint(cert, root.Constraint)
		}
	}
	x509.SetFallbackRoots(pool)
})

// mayUseTLS reports whether the command args name may make TLS calls and
// so needs the fallback roots: every command but version, help, and ask and
// eval with the local embedder, which read files alone.
func mayUseTLS(args []string, getenv func(string) string) bool {
	if len(args) == 0 {
		return false
	}
	switch args[0] {
	case "ask", "eval":
		embedder := strings.ToLower(strings.TrimSpace(getenv(envEmbedder)))
		return embedder != "" && embedder != "local"
	case "version", "-version", "--version", "help", "-h", "--help":
		return false
	}
	return true
}
