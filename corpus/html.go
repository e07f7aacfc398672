package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"
	"time"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// A web page saved as .html or .htm is an article too. Its main content is
// found by the page's markup and the boilerplate classifier of scraped text
// (html_content.go): navigation, advertising, cookie banners, comments,
// sidebars and footers are dropped. Its metadata (Open Graph, JSON-LD,
// microdata, <meta> tags, <title>, <time>, html lang; html_metadata.go)
// fills the fields a text file's header has. The text then goes through the
// same cleaning and passage splitting.

// MaxHTMLFileSize is the largest web page that is read: pages carry scripts,
// styles and markup around a text of a few kilobytes, so they may be larger
// than MaxFileSize.
const MaxHTMLFileSize = 5 << 20

// minArticleWords is the least text a page's main content must have to be
// an article. Below it the extractor has found only the furniture of a page
// without one (a sign-in form, an index of links).
const minArticleWords = 40

// ErrNoArticle reports a web page with no article text the extractor could
// find.
var ErrNoArticle = errors.New("the page has no article text that could be extracted")

// IsHTMLFile reports whether name is a web page by its extension.
func IsHTMLFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm":
		return true
	}
	return false
}

// Page is what ExtractHTML found in a web page: the fields of an article
// header and the main text, paragraphs separated by blank lines.
type Page struct {
	Title string
	// Outlet is the site name (og:site_name, the JSON-LD publisher), or
	// the host name when the page names none.
	Outlet string
	// Published is the publication date as YYYY-MM-DD, or "".
	Published string
	// URL is the canonical URL when the page declares one, else pageURL.
	URL      string
	Language string
	Text     string
}

// ExtractHTML finds the article in a web page. contentType is the HTTP
// Content-Type header, if any: the page is decoded from the character set
// it or a <meta> tag of the page declares (windows-1251, KOI8-R, …) and
// sniffed when neither does. pageURL, if known, is where the page was
// fetched from; it resolves relative canonical URLs and names the outlet of
// a page that does not. A page without article text is ErrNoArticle.
func ExtractHTML(data []byte, contentType, pageURL string) (Page, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return Page{}, ErrNoArticle
	}
	if contentType == "" {
		contentType = "text/html"
	}
	r, err := charset.NewReader(bytes.NewReader(data), contentType)
	if err != nil {
		return Page{}, fmt.Errorf("decode the page: %w", err)
	}
	utf8Page, err := io.ReadAll(r)
	if err != nil {
		return Page{}, fmt.Errorf("decode the page: %w", err)
	}
	doc, err := html.Parse(bytes.NewReader(utf8Page))
	if err != nil {
		// Nested deeper than the parser allows: no page a reader sees.
		return Page{}, fmt.Errorf("%w (%v)", ErrNoArticle, err)
	}
	meta := readPageMeta(doc)
	site := meta.siteName()
	title := meta.pageTitle(site)
	all, timeAt := pageTextBlocks(doc)
	content, root := contentBlocks(all)
	article := articleBlocks(content, title)
	text := blocksText(article, "\n\n")
	if len(strings.Fields(text)) < minArticleWords || !hasSentence(text) {
		return Page{}, ErrNoArticle
	}
	// A <time> is the article's when it stands in the article's element,
	// outside comments and teasers, and before the article's last block:
	// what follows the article is other stories' and readers' dates.
	last := article[len(article)-1].index
	inArticle := func(n *html.Node) bool {
		at, read := timeAt[n]
		return read && at <= last && (root == nil || isAncestor(root, n)) && !inOtherContent(n)
	}
	p := Page{
		Title:     title,
		Outlet:    site,
		Published: meta.published(inArticle, dateLines(all[:last+1]), time.Now()),
		URL:       meta.declaredURL(pageURL),
		Language:  meta.language(),
		Text:      text,
	}
	if p.Outlet == "" {
		if u, err := url.Parse(p.URL); err == nil {
			p.Outlet = strings.TrimPrefix(u.Hostname(), "www.")
		}
	}
	if p.Language == "" {
		p.Language = guessLanguage(text)
	}
	return p, nil
}

// parseHTMLFile is ParseArticle for a .html or .htm file.
func parseHTMLFile(name string, data []byte) (Article, error) {
	fail := func(err error) (Article, error) { return Article{}, &FileError{File: name, Err: err} }
	if len(data) > MaxHTMLFileSize {
		return fail(fmt.Errorf("the page is larger than %d bytes", MaxHTMLFileSize))
	}
	p, err := ExtractHTML(data, "", "")
	if err != nil {
		return fail(err)
	}
	a := Article{ID: strings.TrimSuffix(path.Base(name), path.Ext(name)), File: path.Base(name), Raw: p.Text}
	return articleOfPage(a, p, fail)
}

// canonicalURL is the page's declared URL resolved against where it was
// fetched, or pageURL when it declares none or one that is not http(s).
func canonicalURL(declared, pageURL string) string {
	base, _ := url.Parse(pageURL)
	if declared != "" {
		if u, err := url.Parse(strings.TrimSpace(declared)); err == nil {
			if base != nil {
				u = base.ResolveReference(u)
			}
			if u.Scheme == "http" || u.Scheme == "https" {
				u.Fragment = ""
				return u.String()
			}
		}
	}
	return pageURL
}

// dateLines is the text publishedFromText reads for a page's printed
// date: the blocks up to the article's end that may carry one (short
// lines, and lines that say "published"), one a line. Prose between them
// would only cost time: its dates are events'.
func dateLines(blocks []textBlock) string {
	var b strings.Builder
	for _, bl := range blocks {
		if wordCount(bl.text) <= maxDateLineWords || publishedMark.MatchString(bl.text) {
			b.WriteString(bl.text)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// blocksText is the text of blocks joined by sep.
func blocksText(blocks []textBlock, sep string) string {
	texts := make([]string, len(blocks))
	for i, b := range blocks {
		texts[i] = b.text
	}
	return strings.Join(texts, sep)
}

// oneLine collapses the white space of s, line breaks included.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// endsWithStop reports whether p ends with sentence punctuation, closing
// quotes and brackets aside.
func endsWithStop(p string) bool {
	p = strings.TrimRightFunc(p, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(`"')]»”`, r) })
	return strings.HasSuffix(p, ".") || strings.HasSuffix(p, "!") || strings.HasSuffix(p, "?") || strings.HasSuffix(p, "…")
}

// hasSentence reports whether some paragraph of text ends like a sentence
// and has a few words: article prose, not a menu.
func hasSentence(text string) bool {
	for _, p := range strings.Split(text, "\n\n") {
		if len(strings.Fields(p)) >= 8 && endsWithStop(p) {
			return true
		}
	}
	return false
}
