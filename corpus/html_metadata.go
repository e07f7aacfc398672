package corpus

import (
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/alliancebot/alliancebot/internal/lazyregexp"
)

// A page declares its metadata in several vocabularies at once: Open Graph
// and Twitter <meta> tags, JSON-LD, schema.org microdata, Dublin Core and
// plain <meta name> tags, <title>, <time> and <html lang>. pageMetadata
// reads them all in one walk; the fields of Page take the most specific
// declaration, and publication dates always win over modification dates.

// pageMeta is what a page declares about itself, before the choice between
// vocabularies.
type pageMeta struct {
	meta        map[string]string // <meta property|name|http-equiv|itemprop> by lower-case key, first wins
	title       string            // <title>
	headings    []string          // the first <h1> and the first <h2>, when present
	htmlLang    string
	canonical   string
	ldHeadline  string
	ldPublished string
	ldPublisher string
	ldURL       string
	ldLanguage  string
	itemURL     string // <link itemprop="mainEntityOfPage|url">
	itemDate    string // itemprop="datePublished" on an element other than <meta>
	// times are the datetime attributes of <time> elements that do not
	// say they are a modification, with the node, in page order.
	times []timeElement
}

type timeElement struct {
	node     *html.Node
	datetime string
}

// publishedMetaNames are the <meta> keys that declare a publication date,
// most specific first. Modification dates (article:modified_time,
// last-modified, dc.date.modified, og:updated_time) are not among them.
var publishedMetaNames = []string{
	"article:published_time", "og:published_time", "published_time", "article.published",
	"datepublished", "publishdate", "publish-date", "publish_date", "publication_date", "pubdate",
	"citation_publication_date", "citation_date", "dc.date.issued", "dcterms.issued", "dc.date.created",
	"dcterms.created", "dc.date", "dcterms.date", "date", "sailthru.date", "parsely-pub-date",
}

// readPageMeta walks the document once and collects its declarations.
func readPageMeta(doc *html.Node) pageMeta {
	m := pageMeta{meta: map[string]string{}}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				m.htmlLang = attr(n, "lang")
			case atom.Title:
				if m.title == "" {
					m.title = oneLine(nodeText(n))
				}
			case atom.Meta:
				content := strings.TrimSpace(attr(n, "content"))
				for _, k := range []string{"property", "name", "http-equiv", "itemprop"} {
					if key := strings.ToLower(strings.TrimSpace(attr(n, k))); key != "" && content != "" {
						if _, ok := m.meta[key]; !ok {
							m.meta[key] = content
						}
					}
				}
			case atom.Link:
				rel := strings.ToLower(attr(n, "rel"))
				switch {
				case rel == "canonical" && m.canonical == "":
					m.canonical = attr(n, "href")
				case attr(n, "itemprop") == "mainEntityOfPage" || attr(n, "itemprop") == "url":
					if m.itemURL == "" {
						m.itemURL = attr(n, "href")
					}
				}
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") {
					m.readJSONLD(nodeText(n))
				}
				return
			case atom.H1, atom.H2:
				if len(m.headings) < 2 {
					if t := oneLine(nodeText(n)); t != "" && !m.hasHeading(n.DataAtom) {
						m.headings = append(m.headings, n.DataAtom.String()+"\x00"+t)
					}
				}
			case atom.Time:
				if dt := attr(n, "datetime"); dt != "" && !modificationMarked(n) {
					m.times = append(m.times, timeElement{node: n, datetime: dt})
				}
			}
			if attr(n, "itemprop") == "datePublished" && n.DataAtom != atom.Meta && m.itemDate == "" {
				m.itemDate = firstNonEmpty(attr(n, "datetime"), attr(n, "content"), oneLine(nodeText(n)))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return m
}

// hasHeading reports whether a heading of level a is already recorded.
func (m *pageMeta) hasHeading(a atom.Atom) bool {
	for _, h := range m.headings {
		if strings.HasPrefix(h, a.String()+"\x00") {
			return true
		}
	}
	return false
}

// heading returns the first <h1>, else the first <h2>, or "".
func (m *pageMeta) heading() string {
	for _, level := range []atom.Atom{atom.H1, atom.H2} {
		for _, h := range m.headings {
			if t, ok := strings.CutPrefix(h, level.String()+"\x00"); ok {
				return t
			}
		}
	}
	return ""
}

// modificationMarked reports a <time> element that its itemprop or class
// names as a modification date.
func modificationMarked(n *html.Node) bool {
	s := strings.ToLower(attr(n, "itemprop") + " " + attr(n, "class"))
	return strings.Contains(s, "modif") || strings.Contains(s, "updat")
}

// readJSONLD reads the article fields of a JSON-LD script: the first object
// of an article type (or any object with a headline) wins, looking into
// @graph arrays.
func (m *pageMeta) readJSONLD(src string) {
	var v any
	if err := json.Unmarshal([]byte(strings.TrimSpace(src)), &v); err != nil {
		return
	}
	var visit func(any)
	visit = func(v any) {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				visit(e)
			}
		case map[string]any:
			if g, ok := x["@graph"]; ok {
				visit(g)
			}
			if !ldIsArticle(x) {
				return
			}
			if m.ldHeadline == "" {
				m.ldHeadline = oneLine(ldString(x["headline"]))
			}
			if m.ldPublished == "" {
				m.ldPublished = ldString(x["datePublished"])
			}
			if m.ldPublisher == "" {
				if p, ok := x["publisher"].(map[string]any); ok {
					m.ldPublisher = oneLine(ldString(p["name"]))
				}
			}
			if m.ldURL == "" {
				m.ldURL = firstNonEmpty(ldString(x["url"]), ldString(x["mainEntityOfPage"]))
			}
			if m.ldLanguage == "" {
				m.ldLanguage = ldString(x["inLanguage"])
			}
		}
	}
	visit(v)
}

// ldIsArticle reports a JSON-LD object that describes the page's article:
// its type names an article, a report, a blog posting or a web page, or it
// has a headline.
func ldIsArticle(x map[string]any) bool {
	if _, ok := x["headline"]; ok {
		return true
	}
	t := strings.ToLower(ldString(x["@type"]))
	return strings.Contains(t, "article") || strings.Contains(t, "posting") || strings.Contains(t, "report")
}

// ldString returns a JSON-LD value as a string: a string itself, the @id or
// name of an object, or the first of an array.
func ldString(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case []any:
		if len(x) > 0 {
			return ldString(x[0])
		}
	case map[string]any:
		return firstNonEmpty(ldString(x["@id"]), ldString(x["name"]))
	}
	return ""
}

// pageTitle returns the article's title: Open Graph, Twitter, JSON-LD,
// then <title> without the site's name, then the first heading.
func (m *pageMeta) pageTitle(site string) string {
	if t := firstNonEmpty(oneLine(m.meta["og:title"]), oneLine(m.meta["twitter:title"]), m.ldHeadline); t != "" {
		return withoutSiteName(t, site)
	}
	if m.title != "" {
		return titleWithoutSite(m.title, m.heading(), site)
	}
	return m.heading()
}

// titleSeparators part a <title> into the article's title and the site's
// name, breadcrumbs or a date.
var titleSeparators = lazyregexp.New(`\s+(?:\||—|–|-|::|»|·|/)\s+`)

// titleWithoutSite returns the article's part of a <title>: the page's
// heading when the <title> holds it, else the longest part between
// separators that is not the site's name.
func titleWithoutSite(title, heading, site string) string {
	if heading != "" && strings.Contains(strings.ToLower(title), strings.ToLower(heading)) && !strings.EqualFold(heading, site) &&
		utf8.RuneCountInString(heading)*3 >= utf8.RuneCountInString(title) {
		return heading
	}
	parts := titleSeparators.Split(title, -1)
	if len(parts) == 1 {
		return title
	}
	best := ""
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if strings.EqualFold(p, site) {
			continue
		}
		if utf8.RuneCountInString(p) > utf8.RuneCountInString(best) {
			best = p
		}
	}
	return best
}

// withoutSiteName removes the site's name from the start or end of a
// declared title ("Allies meet | The Herald"); a title that is only the
// site's name, or has no separator, stays as it is.
func withoutSiteName(title, site string) string {
	if site == "" {
		return title
	}
	parts := titleSeparators.Split(title, -1)
	if len(parts) < 2 {
		return title
	}
	if strings.EqualFold(strings.TrimSpace(parts[len(parts)-1]), site) {
		return strings.TrimSpace(title[:titleSeparators.FindAllStringIndex(title, -1)[len(parts)-2][0]])
	}
	if strings.EqualFold(strings.TrimSpace(parts[0]), site) {
		return strings.TrimSpace(title[titleSeparators.FindStringIndex(title)[1]:])
	}
	return title
}

// siteName returns the site's declared name.
func (m *pageMeta) siteName() string {
	return firstNonEmpty(oneLine(m.meta["og:site_name"]), m.ldPublisher, oneLine(m.meta["application-name"]))
}

// declaredURL returns the page's canonical URL: the first declaration that
// resolves against pageURL to an http(s) URL, or pageURL.
func (m *pageMeta) declaredURL(pageURL string) string {
	for _, u := range []string{m.canonical, m.meta["og:url"], m.ldURL, m.itemURL} {
		if u = strings.TrimSpace(u); u != "" {
			if c := canonicalURL(u, pageURL); c != pageURL || u == pageURL {
				return c
			}
		}
	}
	return pageURL
}

// language returns the primary language subtag the page declares ("en"
// for "en-GB" or "en_US"), or "".
func (m *pageMeta) language() string {
	for _, l := range []string{m.htmlLang, m.meta["og:locale"], m.meta["content-language"], m.meta["language"], m.ldLanguage} {
		l = strings.ToLower(strings.TrimSpace(l))
		l, _, _ = strings.Cut(l, ",")
		l = strings.TrimSpace(l)
		if i := strings.IndexAny(l, "-_"); i >= 0 {
			l = l[:i]
		}
		if n := len(l); n >= 2 && n <= 3 && strings.Trim(l, "abcdefghijklmnopqrstuvwxyz") == "" {
			return l
		}
	}
	return ""
}

// published returns the publication date (YYYY-MM-DD) the page declares:
// article:published_time, JSON-LD datePublished, microdata datePublished,
// a <time> inside the article, other <meta> date names; else the date the
// page prints near its top (publishedFromText over pageText). inArticle
// reports whether a node is inside the article's content.
func (m *pageMeta) published(inArticle func(*html.Node) bool, pageText string, now time.Time) string {
	declared := []string{m.meta["article:published_time"], m.ldPublished, m.meta["datepublished"], m.itemDate}
	for _, t := range m.times {
		if inArticle(t.node) {
			declared = append(declared, t.datetime)
		}
	}
	for _, k := range publishedMetaNames {
		declared = append(declared, m.meta[k])
	}
	for _, d := range declared {
		if d = strings.TrimSpace(d); d == "" {
			continue
		}
		if date := parseDeclaredDate(d, now); date != "" {
			return date
		}
	}
	return publishedFromText(pageText, now)
}

// declaredDate is a machine-readable date as pages write it: 2023-10-14,
// 2023-10-14T09:30:00+05:00, 2021/02/16, 20231014.
var declaredDate = lazyregexp.New(`^\s*(\d{4})[-/.]?(\d{2})[-/.]?(\d{2})`)

// parseDeclaredDate returns the calendar date of a declared date as
// written (not moved to UTC), or "".
func parseDeclaredDate(s string, now time.Time) string {
	if m := declaredDate.FindStringSubmatch(s); m != nil {
		return validDate(m[1], m[2], m[3], now)
	}
	if t, err := time.Parse(time.RFC1123Z, s); err == nil {
		return validDate(t.Format("2006"), t.Format("01"), t.Format("02"), now)
	}
	if t, err := time.Parse(time.RFC1123, s); err == nil {
		return validDate(t.Format("2006"), t.Format("01"), t.Format("02"), now)
	}
	for _, c := range datesInLine(s, now) {
		return c.date
	}
	return ""
}

// attr returns the value of the attribute key of n, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// nodeText returns the text under n, scripts and styles aside (but the
// text of a <script> or <style> node itself).
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.DataAtom == atom.Script || c.DataAtom == atom.Style) {
				continue
			}
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
