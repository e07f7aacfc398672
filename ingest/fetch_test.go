package ingest

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func TestIsPublicAddr(t *testing.T) {
	tests := []struct {
		ip     net.IP
		public bool
	}{
		{net.ParseIP("93.184.216.34"), true},
		{net.ParseIP("8.8.8.8"), true},
		{net.ParseIP("2a00:1450:4001:82b::200e"), true},
		{net.ParseIP("127.0.0.1"), false},
		{net.ParseIP("127.8.9.10"), false},
		{net.ParseIP("::1"), false},
		{net.ParseIP("10.1.2.3"), false},
		{net.ParseIP("172.16.0.1"), false},
		{net.ParseIP("172.31.255.255"), false},
		{net.ParseIP("192.168.1.1"), false},
		{net.ParseIP("fd12:3456::1"), false},
		{net.ParseIP("169.254.169.254"), false}, // cloud metadata
		{net.ParseIP("fe80::1"), false},
		{net.ParseIP("224.0.0.1"), false},
		{net.ParseIP("ff02::1"), false},
		{net.ParseIP("0.0.0.0"), false},
		{net.ParseIP("::"), false},
		{net.ParseIP("0.1.2.3"), false},
		{net.ParseIP("100.64.0.1"), false},
		{net.ParseIP("255.255.255.255"), false},
		{net.ParseIP("::ffff:127.0.0.1"), false},
		{net.ParseIP("::ffff:10.0.0.1"), false},
		{net.ParseIP("::ffff:93.184.216.34"), true},
		{net.ParseIP("64:ff9b::a00:1"), false},
	}
	for _, tt := range tests {
		ip, ok := netip.AddrFromSlice(tt.ip)
		if !ok {
			t.Fatalf("bad test IP %v", tt.ip)
		}
		if got := IsPublicAddr(ip); got != tt.public {
			t.Errorf("IsPublicAddr(%v) = %v, want %v", tt.ip, got, tt.public)
		}
	}
}

// TestIsPublicAddrIPv6Forms: the IPv6 prefixes that tunnel, translate or
// embed IPv4, and every IPv6 address outside global unicast 2000::/3, are
// not public; ordinary global IPv6 and mapped public IPv4 are.
func TestIsPublicAddrIPv6Forms(t *testing.T) {
	for _, tc := range []struct {
		addr   string
		public bool
	}{
		{"2a00:1450:4001:82b::200e", true},
		{"2606:4700:4700::1111", true},
		{"::ffff:93.184.216.34", true},
		{"::7f00:1", false},            // IPv4-compatible 127.0.0.1
		{"::5db8:d822", false},         // IPv4-compatible public IPv4
		{"::ffff:127.0.0.1", false},    // mapped, judged as IPv4
		{"::ffff:0:7f00:1", false},     // IPv4-translated
		{"2002:7f00:1::1", false},      // 6to4 of 127.0.0.1
		{"2002:5db8:d822::1", false},   // 6to4 of a public IPv4
		{"2001:0:4136:e378::1", false}, // Teredo
		{"fec0::1", false},             // site-local
		{"100::1", false},              // discard
		{"3fff:123::1", false},         // documentation
		{"2001:db8::1", false},         // documentation
		{"64:ff9b::7f00:1", false},     // NAT64
		{"4000::1", false},             // outside 2000::/3
		{"e000::1", false},             // outside 2000::/3
		{"1::1", false},                // outside 2000::/3
	} {
		if got := IsPublicAddr(netip.MustParseAddr(tc.addr)); got != tc.public {
			t.Errorf("IsPublicAddr(%s) = %v, want %v", tc.addr, got, tc.public)
		}
	}
}

// TestFetchRefusesLoopbackBeforeConnecting runs with AllowPrivate off, as
// the bot does by default: a loopback URL is refused with a clear message
// and the server is never reached.
func TestFetchRefusesLoopbackBeforeConnecting(t *testing.T) {
	site := newTestSite(t)
	f := testFetcher(FetchConfig{Timeout: 2 * time.Second})
	for _, u := range []string{
		site.URL + "/news/csto-drills-tajikistan",
		strings.Replace(site.URL, "127.0.0.1", "localhost", 1) + "/news/csto-drills-tajikistan",
		strings.Replace(site.URL, "127.0.0.1", "[::ffff:127.0.0.1]", 1) + "/news/csto-drills-tajikistan",
	} {
		_, err := f.Fetch(context.Background(), u)
		if !errors.Is(err, ErrRefusedAddress) {
			t.Fatalf("Fetch(%s) error = %v; want ErrRefusedAddress", u, err)
		}
		if !strings.Contains(err.Error(), "refused: the address is private, loopback") {
			t.Errorf("unclear message: %v", err)
		}
	}
	if n := site.requests(); n != 0 {
		t.Fatalf("the refused server had %d requests", n)
	}
}

// TestFetchChecksResolvedAddress resolves a name to the loopback server, as
// a DNS rebinding attack would: the check on the resolved address refuses
// it before any connection.
func TestFetchChecksResolvedAddress(t *testing.T) {
	site := newTestSite(t)
	f := testFetcher(FetchConfig{Timeout: 2 * time.Second})
	f.lookup = func(ctx context.Context, host string) ([]netip.Addr, error) {
		return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
	}
	u := "http://news.example:" + site.addrPort(t).String()[len("127.0.0.1:"):] + "/news/csto-drills-tajikistan"
	_, err := f.Fetch(context.Background(), u)
	if !errors.Is(err, ErrRefusedAddress) || !strings.Contains(err.Error(), "news.example resolves to") {
		t.Fatalf("Fetch(%s) error = %v; want ErrRefusedAddress after resolution", u, err)
	}
	if n := site.requests(); n != 0 {
		t.Fatalf("the refused server had %d requests", n)
	}
}

// TestFetchChecksEveryRedirect lets one loopback server stand for a public
// site and has it redirect to another loopback server, by address and by
// a name that resolves to it: both redirects are refused, and the second
// server is never reached.
func TestFetchChecksEveryRedirect(t *testing.T) {
	public, private := newTestSite(t), newTestSite(t)
	f := testFetcher(FetchConfig{Timeout: 2 * time.Second})
	f.allowed = func(ap netip.AddrPort) bool { return ap == public.addrPort(t) }
	f.lookup = func(ctx context.Context, host string) ([]netip.Addr, error) {
		return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
	}
	privatePort := private.addrPort(t).Port()
	for _, target := range []string{
		private.URL + "/news/csto-drills-tajikistan",
		"http://intranet.example:" + netip.AddrPortFrom(netip.IPv4Unspecified(), privatePort).String()[len("0.0.0.0:"):] + "/news/csto-drills-tajikistan",
	} {
		_, err := f.Fetch(context.Background(), public.URL+"/go?to="+target)
		if !errors.Is(err, ErrRefusedAddress) {
			t.Fatalf("redirect to %s: error = %v; want ErrRefusedAddress", target, err)
		}
	}
	if public.requests() != 2 || private.requests() != 0 {
		t.Fatalf("requests: public %d (want 2), private %d (want 0)", public.requests(), private.requests())
	}
	// The same fetcher follows a redirect within the allowed site.
	page, err := f.Fetch(context.Background(), public.URL+"/moved")
	if err != nil || !strings.HasSuffix(page.URL, "/news/csto-drills-tajikistan") {
		t.Fatalf("Fetch(/moved) = %s, %v", page.URL, err)
	}
}

func TestFetchLimits(t *testing.T) {
	site := newTestSite(t)
	f := testFetcher(FetchConfig{AllowPrivate: true, Timeout: 500 * time.Millisecond, MaxBytes: 1 << 20, MaxRedirects: 3})
	tests := []struct {
		path    string
		wantErr error
		status  int
	}{
		{"/huge", ErrTooLarge, 0},
		{"/slow", ErrTimeout, 0},
		{"/report.pdf", ErrNotHTML, 0},
		{"/missing", nil, 404},
		{"/loop", ErrTooManyRedirects, 0},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			_, err := f.Fetch(context.Background(), site.URL+tt.path)
			if tt.status != 0 {
				var se *StatusError
				if !errors.As(err, &se) || se.Code != tt.status {
					t.Fatalf("error = %v; want status %d", err, tt.status)
				}
				return
			}
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error = %v; want %v", err, tt.wantErr)
			}
		})
	}
	for _, u := range []string{"ftp://127.0.0.1/x", "file:///etc/passwd", "javascript:alert(1)", "127.0.0.1/no-scheme"} {
		if _, err := f.Fetch(context.Background(), u); !errors.Is(err, ErrScheme) {
			t.Errorf("Fetch(%q) error = %v; want ErrScheme", u, err)
		}
	}
}

func TestFetchPage(t *testing.T) {
	site := newTestSite(t)
	f := testFetcher(FetchConfig{AllowPrivate: true, Timeout: 2 * time.Second})
	page, err := f.Fetch(context.Background(), site.URL+"/moved")
	if err != nil {
		t.Fatal(err)
	}
	if page.URL != site.URL+"/news/csto-drills-tajikistan" || !page.IsHTML() || !strings.Contains(string(page.Body), "Khatlon") {
		t.Fatalf("page = %s %s %d bytes", page.URL, page.ContentType, len(page.Body))
	}
	text, err := f.Fetch(context.Background(), site.URL+"/notes/peacekeepers")
	if err != nil || text.IsHTML() {
		t.Fatalf("plain text page: %v, html %v", err, text.IsHTML())
	}
}
