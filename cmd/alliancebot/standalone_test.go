package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"go/parser"
	"go/token"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// standaloneCheckEnv tells a re-executed test binary which check it runs.
// crypto/x509 reads SSL_CERT_FILE and SSL_CERT_DIR once, when the fallback
// package's init installs its roots, and time reads ZONEINFO once, so each
// check needs a process started with its environment.
const standaloneCheckEnv = "ALLIANCEBOT_STANDALONE_CHECK"

// runStandaloneCheck runs test in a new process of this test binary with
// check and env set, and fails t with the child's output if it fails.
func runStandaloneCheck(t *testing.T, test, check string, env ...string) {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^"+test+"$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), append(env, standaloneCheckEnv+"="+check)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("check %s with %v: %v\n%s", check, env, err, out)
	}
	if !strings.Contains(string(out), "--- PASS: "+test) {
		t.Fatalf("check %s did not run:\n%s", check, out)
	}
}

// systemRoots returns x509.SystemCertPool, the roots net/http verifies a
// TLS server against.
func systemRoots(t *testing.T) *x509.CertPool {
	t.Helper()
	roots, err := x509.SystemCertPool()
	if err != nil {
		t.Fatalf("system roots: %v", err)
	}
	return roots
}

// TestVerifiesTLSWithoutSystemRoots: with no CA certificates on the
// system, as in the scratch image, the system pool still holds roots once
// installFallbackRoots ran: the ones the binary carries. The control shows
// that the environment below does decide the system roots: with one private
// CA as the only system root, the pool is that CA alone and the carried
// roots stay out.
func TestVerifiesTLSWithoutSystemRoots(t *testing.T) {
	const test = "TestVerifiesTLSWithoutSystemRoots"
	switch os.Getenv(standaloneCheckEnv) {
	case "no-system-roots":
		installFallbackRoots()
		if systemRoots(t).Equal(x509.NewCertPool()) {
			t.Fatal("with no system roots the pool is empty: TLS to any server would fail")
		}
		return
	case "private-system-root":
		ca, err := x509.ParseCertificate(mustPEM(t, os.Getenv("SSL_CERT_FILE")))
		if err != nil {
			t.Fatal(err)
		}
		installFallbackRoots()
		want := x509.NewCertPool()
		want.AddCert(ca)
		if !systemRoots(t).Equal(want) {
			t.Fatal("with a private CA as the only system root the pool holds other roots too")
		}
		return
	}
	empty := t.TempDir()
	noFile := filepath.Join(empty, "missing.pem")
	runStandaloneCheck(t, test, "no-system-roots", "SSL_CERT_FILE="+noFile, "SSL_CERT_DIR="+empty)

	privateCA := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(privateCA, selfSignedCA(t), 0o600); err != nil {
		t.Fatal(err)
	}
	runStandaloneCheck(t, test, "private-system-root", "SSL_CERT_FILE="+privateCA, "SSL_CERT_DIR="+empty)
}

// mustPEM returns the DER bytes of the first PEM block in file.
func mustPEM(t *testing.T, file string) []byte {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(data)
	if block == nil {
		t.Fatalf("no PEM block in %s", file)
	}
	return block.Bytes
}

// TestLoadsTimeZonesWithoutZoneinfo: Europe/Moscow loads with ZONEINFO at
// an empty folder. On a host with /usr/share/zoneinfo, Go reads that after
// ZONEINFO and before the embedded copy, so there this proves less than in
// the scratch image; TestBinaryCarriesRootsAndZoneinfo keeps the embedded
// copy linked.
func TestLoadsTimeZonesWithoutZoneinfo(t *testing.T) {
	if os.Getenv(standaloneCheckEnv) == "empty-zoneinfo" {
		loc, err := time.LoadLocation("Europe/Moscow")
		if err != nil {
			t.Fatalf("Europe/Moscow: %v", err)
		}
		// Moscow has kept UTC+3 all year since 2014.
		for _, month := range []time.Month{time.January, time.July} {
			if _, offset := time.Date(2026, month, 15, 12, 0, 0, 0, loc).Zone(); offset != 3*3600 {
				t.Errorf("Europe/Moscow in %s: offset %ds, want %d", month, offset, 3*3600)
			}
		}
		return
	}
	runStandaloneCheck(t, "TestLoadsTimeZonesWithoutZoneinfo", "empty-zoneinfo", "ZONEINFO="+t.TempDir())
}

// TestBinaryCarriesRootsAndZoneinfo: package main imports the fallback
// roots (installFallbackRoots installs them) and the time zone database,
// which the scratch image has nowhere else.
func TestBinaryCarriesRootsAndZoneinfo(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	blank, named := map[string]bool{}, map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range file.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				t.Fatal(err)
			}
			if imp.Name != nil && imp.Name.Name == "_" {
				blank[path] = true
			} else {
				named[path] = true
			}
		}
	}
	if want := "time/tzdata"; !blank[want] {
		t.Errorf("package main does not import _ %q", want)
	}
	if want := "golang.org/x/crypto/x509roots/fallback/bundle"; !named[want] {
		t.Errorf("package main does not import %q", want)
	}
}

// TestMayUseTLS: the commands that may reach a server over TLS get the
// carried roots; ask and eval with the local embedder, which read files
// alone, start without parsing them.
func TestMayUseTLS(t *testing.T) {
	tests := []struct {
		args     []string
		embedder string
		want     bool
	}{
		{[]string{"bot"}, "", true},
		{[]string{"add", "https://example.com/a"}, "", true},
		{[]string{"health"}, "", true},
		{[]string{"ask", "Who?"}, "", false},
		{[]string{"ask", "Who?"}, "Local", false},
		{[]string{"ask", "Who?"}, "openai", true},
		{[]string{"eval", "q.jsonl"}, "", false},
		{[]string{"eval", "q.jsonl"}, "ollama", true},
		{[]string{"version"}, "openai", false},
		{[]string{"--help"}, "", false},
		{nil, "", false},
	}
	for _, tt := range tests {
		getenv := func(key string) string {
			if key == envEmbedder {
				return tt.embedder
			}
			return ""
		}
		if got := mayUseTLS(tt.args, getenv); got != tt.want {
			t.Errorf("mayUseTLS(%q) with EMBEDDER=%q = %v, want %v", tt.args, tt.embedder, got, tt.want)
		}
	}
}

// selfSignedCA is a new CA certificate in PEM that no store trusts.
func selfSignedCA(t *testing.T) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	template := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "alliancebot test CA"},
		NotBefore:             time.Unix(0, 0),
		NotAfter:              time.Now().Add(time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}
