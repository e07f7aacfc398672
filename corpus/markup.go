package corpus

import (
	"cmp"
	"strings"

	"golang.org/x/net/html"
)

// A text file may hold markup rather than text: a web page saved as .txt,
// or a news feed's RSS or Atom document kept as it was downloaded. Cleaned
// as text, its tags and attributes would be the page and nothing of its
// article would be kept. A page goes to the HTML extractor as an .html file
// does; a feed, or any other XML, is read as the text of its elements, one
// block per element, which the boilerplate classifier then sorts as it
// sorts any page.

// markupKind is what a text file's body is.
type markupKind int

const (
	plainText markupKind = iota
	htmlPage
	xmlDocument
)

// markupSniffBytes is how much of a body is read to tell its kind: an XML
// declaration and a doctype come first.
const markupSniffBytes = 1024

// markupOf tells a body that is an HTML page or an XML document from text
// by how it begins, after any comments ("<!-- saved from url=… -->"): a
// document's declaration, doctype or root element, or the head of a page
// saved without them. Text that opens with an inline tag ("<b>Breaking</b>
// …") is text.
func markupOf(body string) markupKind {
	s := strings.TrimLeft(strings.TrimPrefix(body, "\ufeff"), " \t\r\n")
	for strings.HasPrefix(s, "<!--") {
		end := strings.Index(s, "-->")
		if end < 0 {
			return plainText
		}
		s = strings.TrimLeft(s[end+len("-->"):], " \t\r\n")
	}
	if !strings.HasPrefix(s, "<") {
		return plainText
	}
	head := strings.ToLower(s[:min(len(s), markupSniffBytes)])
	switch {
	case strings.HasPrefix(head, "<!doctype html"), strings.HasPrefix(head, "<html"),
		strings.HasPrefix(head, "<head"), strings.HasPrefix(head, "<body"), strings.HasPrefix(head, "<meta"),
		strings.HasPrefix(head, "<?xml") && strings.Contains(head, "<html"):
		return htmlPage
	case strings.HasPrefix(head, "<?xml"), strings.HasPrefix(head, "<rss"), strings.HasPrefix(head, "<feed"),
		strings.HasPrefix(head, "<rdf:rdf"):
		return xmlDocument
	}
	return plainText
}

// inlineTags are the HTML elements that do not end a block of text: a
// feed's description often holds HTML with links and emphasis.
var inlineTags = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "cite": true, "code": true, "em": true, "font": true,
	"i": true, "mark": true, "q": true, "s": true, "small": true, "span": true, "strong": true,
	"sub": true, "sup": true, "time": true, "u": true,
}

// skippedTags are the elements whose content is no text a reader sees.
var skippedTags = map[string]bool{"script": true, "style": true, "noscript": true, "template": true}

// entryTags are the elements of a feed that each hold one story: RSS
// items and Atom entries.
var entryTags = map[string]bool{"item": true, "entry": true}

// markupSections returns the text of an XML document, or of HTML held in
// one of its elements, in sections: the document's own text, then each
// feed entry's. A section has one line per block element, blank lines
// between them. Character data sections are text (an RSS description's
// HTML is read as HTML in turn); entities are decoded.
func markupSections(doc string) []string { return markupSectionsAt(doc, 0) }

// markupSectionsAt is markupSections for markup held in depth elements'
// text: HTML in an element's text is read as HTML once, and its own text
// is text, whatever it holds.
func markupSectionsAt(doc string, depth int) []string {
	var sections []string
	var b, line strings.Builder
	endBlock := func() {
		if text := strings.Join(strings.Fields(line.String()), " "); text != "" {
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(text)
		}
		line.Reset()
	}
	endSection := func() {
		endBlock()
		if b.Len() > 0 {
			sections = append(sections, b.String())
		}
		b.Reset()
	}
	z := html.NewTokenizer(strings.NewReader(doc))
	z.AllowCDATA(true)
	skipping := ""
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			endSection()
			return sections
		case html.TextToken:
			if skipping != "" {
				continue
			}
			text := string(z.Text())
			if depth == 0 && strings.Contains(text, "<") && strings.Contains(text, ">") {
				// A character data section of HTML: its text, block by
				// block.
				endBlock()
				for _, inner := range markupSectionsAt(text, depth+1) {
					if b.Len() > 0 {
						b.WriteString("\n\n")
					}
					b.WriteString(inner)
				}
				continue
			}
			line.WriteString(text)
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			switch {
			case skippedTags[tag] && tt == html.StartTagToken:
				skipping = tag
			case skippedTags[tag] && tt == html.EndTagToken && skipping == tag:
				skipping = ""
			case entryTags[tag]:
				endSection()
			case !inlineTags[tag]:
				endBlock()
			}
			// An inline tag parts no words: "<b>CSTO</b>," is "CSTO,".
		}
	}
}

// parseXMLDocument is ParseArticle for a text file that holds a feed or
// another XML document: each entry of a feed is cleaned as the page of
// one story, so that one story's text does not make the next one's look
// like a sidebar.
//
// The feed is one article: it takes the first date it prints (a channel's
// last build date, else its first entry's), and its entries are cited as
// parts of it. A feed an admin follows is better added by its URL, which
// makes each entry's page an article of its own.
func parseXMLDocument(a Article, doc string, fail func(error) (Article, error)) (Article, error) {
	sections := markupSections(doc)
	all := strings.Join(sections, "\n\n")
	if a.Title == "" {
		a.Title = headlineOf(all)
	}
	// Each entry drops the lines that repeat the title; a "title" longer
	// than any headline is no line of them, and is not compared with
	// every entry.
	title := a.Title
	if len(title) > maxRepeatedTitleBytes {
		title = ""
	}
	var texts []string
	for _, s := range sections {
		if t := CleanScrapedText(s, title); strings.TrimSpace(t) != "" {
			texts = append(texts, t)
		}
	}
	a.Text = strings.Join(texts, "\n\n")
	if strings.TrimSpace(a.Text) == "" {
		return fail(ErrEmpty)
	}
	a.completeFromText(all)
	return a, nil
}

// maxRepeatedTitleBytes is the longest title parseXMLDocument looks for
// in the entries.
const maxRepeatedTitleBytes = 1024

// parseSavedPage is ParseArticle for a text file that holds a web page: the
// page's article as the HTML extractor finds it, with what the file's
// header says winning over what the page says.
func parseSavedPage(a Article, page string, fail func(error) (Article, error)) (Article, error) {
	p, err := ExtractHTML([]byte(page), "text/html; charset=utf-8", a.URL)
	if err != nil {
		return fail(err)
	}
	return articleOfPage(a, p, fail)
}

// articleOfPage completes a with the page the HTML extractor found, what a
// already holds (a file's header) winning, and cleans the page's text.
func articleOfPage(a Article, p Page, fail func(error) (Article, error)) (Article, error) {
	a.Title = cmp.Or(a.Title, p.Title)
	a.Outlet = cmp.Or(a.Outlet, p.Outlet)
	a.Published = cmp.Or(a.Published, p.Published)
	a.Language = cmp.Or(a.Language, p.Language)
	a.URL = cmp.Or(a.URL, p.URL)
	a.Text = CleanScrapedText(p.Text, a.Title)
	if strings.TrimSpace(a.Text) == "" {
		return fail(ErrNoArticle)
	}
	if a.Title == "" {
		a.Title = firstLine(a.Text)
	}
	return a, nil
}
