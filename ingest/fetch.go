// Package ingest is the only code that reaches the network for articles: it
// fetches the pages admins link to and the items of news feeds, safely, turns
// them into article files of the corpus folder, and remembers what it has
// seen.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// Defaults of FetchConfig's zero values.
const (
	DefaultFetchTimeout  = 20 * time.Second
	DefaultFetchMaxBytes = 5 << 20
	DefaultMaxRedirects  = 5
	DefaultUserAgent     = "alliancebot/1.0 (+news article reader)"
)

// FetchConfig configures a Fetcher.
type FetchConfig struct {
	// Timeout bounds one fetch, redirects and the whole body included;
	// zero means DefaultFetchTimeout.
	Timeout time.Duration
	// MaxBytes is the largest body read; zero means DefaultFetchMaxBytes.
	MaxBytes int64
	// MaxRedirects is how many redirects one fetch follows; zero means
	// DefaultMaxRedirects.
	MaxRedirects int
	// AllowPrivate lets the fetcher connect to private, loopback,
	// link-local and other non-public addresses. Off, a link can never
	// make the bot reach its own host or network (FETCH_ALLOW_PRIVATE).
	AllowPrivate bool
	// UserAgent is sent with every request; empty means DefaultUserAgent.
	UserAgent string
}

var (
	// ErrRefusedAddress reports a URL whose host is, or resolves to, an
	// address the fetcher does not connect to.
	ErrRefusedAddress = errors.New("refused: the address is private, loopback, link-local, multicast or unspecified")
	// ErrScheme reports a URL that is not http or https.
	ErrScheme = errors.New("only http and https URLs are fetched")
	// ErrTooLarge reports a body over FetchConfig.MaxBytes.
	ErrTooLarge = errors.New("the page is too large")
	// ErrNotHTML reports a response that is neither HTML nor plain text.
	ErrNotHTML = errors.New("the page is not HTML or plain text")
	// ErrTooManyRedirects reports a fetch that redirected more than
	// FetchConfig.MaxRedirects times.
	ErrTooManyRedirects = errors.New("too many redirects")
	// ErrTimeout reports a fetch that did not finish within the timeout.
	ErrTimeout = errors.New("the site did not answer in time")
)

// SizeError reports a body over the limit; it is an ErrTooLarge.
type SizeError struct{ Limit int64 }

func (e *SizeError) Error() string {
	return fmt.Sprintf("%v (the limit is %d bytes)", ErrTooLarge, e.Limit)
}

// Is makes errors.Is(err, ErrTooLarge) hold.
func (e *SizeError) Is(target error) bool { return target == ErrTooLarge }

// StatusError reports a response other than 200 OK.
type StatusError struct {
	Code   int
	Status string
}

func (e *StatusError) Error() string { return "the site answered " + e.Status }

// Page is a fetched document.
type Page struct {
	// URL is where the body came from, after redirects.
	URL string
	// ContentType is the response's Content-Type header.
	ContentType string
	Body        []byte
}

// IsHTML reports whether the page is HTML (else it is plain text).
func (p Page) IsHTML() bool {
	mt, _, _ := mime.ParseMediaType(p.ContentType)
	return mt != "text/plain"
}

// Fetcher fetches pages under the rules of its FetchConfig. It is safe for
// concurrent use.
type Fetcher struct {
	cfg    FetchConfig
	client *http.Client
	dialer *net.Dialer
	// lookup resolves a host name; tests replace it to resolve names
	// offline.
	lookup func(ctx context.Context, host string) ([]netip.Addr, error)
	// allowed decides whether an address may be dialled when AllowPrivate
	// is off; tests replace it to let one loopback server stand for a
	// public one.
	allowed func(netip.AddrPort) bool
}

// NewFetcher returns a Fetcher. Its connections never go through a proxy:
// the address checks must see the address that is really dialled.
func NewFetcher(cfg FetchConfig) *Fetcher {
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultFetchTimeout
	}
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = DefaultFetchMaxBytes
	}
	if cfg.MaxRedirects <= 0 {
		cfg.MaxRedirects = DefaultMaxRedirects
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = DefaultUserAgent
	}
	f := &Fetcher{
		cfg: cfg,
		lookup: func(ctx context.Context, host string) ([]netip.Addr, error) {
			return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
		},
		allowed: func(ap netip.AddrPort) bool { return IsPublicAddr(ap.Addr()) },
	}
	f.dialer = &net.Dialer{Timeout: cfg.Timeout, Control: f.checkDial}
	transport := &http.Transport{
		Proxy:                 nil,
		DialContext:           f.dialContext,
		TLSHandshakeTimeout:   cfg.Timeout,
		ResponseHeaderTimeout: cfg.Timeout,
		MaxIdleConns:          4,
		IdleConnTimeout:       30 * time.Second,
	}
	f.client = &http.Client{Transport: transport, Timeout: cfg.Timeout, CheckRedirect: f.checkRedirect}
	return f
}

// dialContext resolves the host itself and dials the resolved addresses
// one by one, each checked first: the address checked is the address
// connected to, so a name that resolves to a private address, whatever it
// resolved to before (DNS rebinding), is refused, and no connection is
// attempted.
func (f *Fetcher) dialContext(ctx context.Context, network, address string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(address)
	if err != nil {
		return nil, err
	}
	portNum, err := netip.ParseAddrPort("0.0.0.0:" + port)
	if err != nil {
		return nil, fmt.Errorf("dial %s: bad port: %w", address, err)
	}
	var ips []netip.Addr
	if ip, err := netip.ParseAddr(host); err == nil {
		ips = []netip.Addr{ip}
	} else if ips, err = f.lookup(ctx, host); err != nil {
		return nil, err
	}
	var errs []error
	for _, ip := range ips {
		ap := netip.AddrPortFrom(ip.Unmap(), portNum.Port())
		if err := f.checkAddr(ap); err != nil {
			errs = append(errs, fmt.Errorf("%s resolves to %w", host, err))
			continue
		}
		conn, err := f.dialer.DialContext(ctx, network, ap.String())
		if err == nil {
			return conn, nil
		}
		errs = append(errs, err)
	}
	if len(errs) == 0 {
		return nil, fmt.Errorf("dial %s: no address", host)
	}
	return nil, errors.Join(errs...)
}

// checkAddr refuses a non-public address unless AllowPrivate.
func (f *Fetcher) checkAddr(ap netip.AddrPort) error {
	if f.cfg.AllowPrivate || f.allowed(ap) {
		return nil
	}
	return fmt.Errorf("%w: %s", ErrRefusedAddress, ap.Addr())
}

// checkDial is the dialer's last check, on the address the socket is about
// to connect to, in case anything but dialContext dials.
func (f *Fetcher) checkDial(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrRefusedAddress, address)
	}
	return f.checkAddr(netip.AddrPortFrom(ap.Addr().Unmap(), ap.Port()))
}

// checkURL refuses what can be refused before any connection: schemes
// other than http and https, and hosts that are literal non-public IP
// addresses or "localhost".
func (f *Fetcher) checkURL(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%w: %q", ErrScheme, u.Scheme)
	}
	if u.Host == "" {
		return fmt.Errorf("%w: no host in %s", ErrScheme, RedactURL(u.String()))
	}
	if f.cfg.AllowPrivate {
		return nil
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return fmt.Errorf("%w: %s", ErrRefusedAddress, host)
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		port := uint16(80)
		if u.Scheme == "https" {
			port = 443
		}
		if p, err := netip.ParseAddrPort("0.0.0.0:" + u.Port()); err == nil {
			port = p.Port()
		}
		return f.checkAddr(netip.AddrPortFrom(ip.Unmap(), port))
	}
	return nil
}

// checkRedirect applies checkURL and the redirect limit to every redirect.
func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > f.cfg.MaxRedirects {
		return fmt.Errorf("%w (more than %d)", ErrTooManyRedirects, f.cfg.MaxRedirects)
	}
	return f.checkURL(req.URL)
}

// Fetch gets rawURL: an http or https URL of a public host (unless
// AllowPrivate), answering 200 with HTML or plain text of at most MaxBytes,
// within Timeout, after at most MaxRedirects redirects. Failures wrap the
// package's sentinel errors or are a *StatusError.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (Page, error) {
	return f.fetch(ctx, rawURL, acceptedType)
}

// FetchFeed gets a feed document: as Fetch, but RSS, Atom and other XML
// and JSON types are accepted as well as HTML and text.
func (f *Fetcher) FetchFeed(ctx context.Context, rawURL string) (Page, error) {
	return f.fetch(ctx, rawURL, acceptedFeedType)
}

// fetch is Fetch with accept deciding which Content-Types are taken.
func (f *Fetcher) fetch(ctx context.Context, rawURL string, accept func(string) bool) (Page, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return Page{}, fmt.Errorf("fetch %s: %w", RedactURL(rawURL), ErrScheme)
	}
	shown := RedactURL(u.String())
	if err := f.checkURL(u); err != nil {
		return Page{}, fmt.Errorf("fetch %s: %w", shown, err)
	}
	ctx, cancel := context.WithTimeout(ctx, f.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return Page{}, fmt.Errorf("fetch %s: %w", shown, err)
	}
	req.Header.Set("User-Agent", f.cfg.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/plain;q=0.8")
	resp, err := f.client.Do(req)
	if err != nil {
		return Page{}, fmt.Errorf("fetch %s: %w", shown, classifyFetchError(err))
	}
	defer resp.Body.Close()
	final := resp.Request.URL.String()
	shown = RedactURL(final)
	if resp.StatusCode != http.StatusOK {
		return Page{}, fmt.Errorf("fetch %s: %w", shown, &StatusError{Code: resp.StatusCode, Status: resp.Status})
	}
	ct := resp.Header.Get("Content-Type")
	if !accept(ct) {
		return Page{}, fmt.Errorf("fetch %s: %w (it is %s)", shown, ErrNotHTML, mediaType(ct))
	}
	if resp.ContentLength > f.cfg.MaxBytes {
		return Page{}, fmt.Errorf("fetch %s: %w", shown, &SizeError{Limit: f.cfg.MaxBytes})
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.cfg.MaxBytes+1))
	if err != nil {
		return Page{}, fmt.Errorf("fetch %s: %w", shown, classifyFetchError(err))
	}
	if int64(len(body)) > f.cfg.MaxBytes {
		return Page{}, fmt.Errorf("fetch %s: %w", shown, &SizeError{Limit: f.cfg.MaxBytes})
	}
	return Page{URL: final, ContentType: ct, Body: body}, nil
}

// RedactURL is how a fetched or feed URL is shown in errors, logs, replies
// and the feed state: any user information becomes "***" and the query and
// fragment are dropped, since credentials and API keys travel there. A URL
// that does not parse is not shown at all.
func RedactURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "(an unparsable URL)"
	}
	hadUser := u.User != nil
	u.User = nil
	u.RawQuery, u.ForceQuery, u.Fragment, u.RawFragment = "", false, "", ""
	shown := u.String()
	if hadUser {
		shown = strings.Replace(shown, "//", "//***@", 1)
	}
	return shown
}

// classifyFetchError maps a client error onto the package's sentinels
// where one fits, keeping the cause. The client's *url.Error is unwrapped:
// it names the URL with its query string, and callers name it redacted.
func classifyFetchError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	switch {
	case errors.Is(err, ErrRefusedAddress), errors.Is(err, ErrScheme), errors.Is(err, ErrTooManyRedirects):
		return err
	case errors.Is(err, context.DeadlineExceeded), isTimeout(err):
		return fmt.Errorf("%w: %v", ErrTimeout, err)
	}
	return err
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func mediaType(ct string) string {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || mt == "" {
		return "of an unknown type"
	}
	return mt
}

// acceptedType reports an HTML or plain-text Content-Type. A response
// without one is sniffed as HTML by the extractor.
func acceptedType(ct string) bool {
	if strings.TrimSpace(ct) == "" {
		return true
	}
	switch mediaType(ct) {
	case "text/html", "application/xhtml+xml", "text/plain":
		return true
	}
	return false
}

// acceptedFeedType reports a Content-Type a feed may come with.
func acceptedFeedType(ct string) bool {
	if acceptedType(ct) {
		return true
	}
	mt := mediaType(ct)
	return mt == "application/xml" || mt == "text/xml" || strings.HasSuffix(mt, "+xml") || mt == "application/json" || mt == "application/feed+json"
}

// IsPublicAddr reports whether ip is an address the fetcher may connect to
// with AllowPrivate off: not loopback, private (RFC 1918, unique local
// fc00::/7), carrier-grade NAT (100.64.0.0/10), link-local, multicast,
// unspecified, "this network" (0.0.0.0/8), benchmarking (198.18.0.0/15),
// reserved (240.0.0.0/4) or the broadcast address; for IPv6, inside the
// global unicast range 2000::/3 and not an IPv6 translation or tunnel
// prefix (NAT64, 6to4, Teredo, IPv4-compatible, IPv4-translated), which
// may carry any IPv4 address, nor a documentation, discard or deprecated
// site-local prefix. IPv4 addresses mapped into IPv6 (::ffff:0:0/96) are
// judged as the IPv4 address they carry, which is what a dial reaches.
func IsPublicAddr(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() ||
		ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() || ip.IsMulticast() {
		return false
	}
	if ip.Is6() && !globalUnicast6.Contains(ip) {
		return false
	}
	for _, p := range nonPublicPrefixes {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// globalUnicast6 is the only IPv6 range with public unicast addresses.
var globalUnicast6 = netip.MustParsePrefix("2000::/3")

// nonPublicPrefixes are the ranges IsPublicAddr refuses beyond those the
// netip predicates name. The IPv6 ones outside 2000::/3 are refused by that
// rule already and are listed to say why.
var nonPublicPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("::/96"),           // IPv4-compatible (deprecated)
	netip.MustParsePrefix("::ffff:0:0:0/96"), // IPv4-translated (SIIT)
	netip.MustParsePrefix("64:ff9b::/96"),    // NAT64
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
	netip.MustParsePrefix("100::/64"),        // discard
	netip.MustParsePrefix("2001::/32"),       // Teredo
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("2002::/16"),       // 6to4
	netip.MustParsePrefix("3fff::/20"),       // documentation
	netip.MustParsePrefix("fec0::/10"),       // site-local (deprecated)
}
