package ingest

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/alliancebot/alliancebot/corpus"
)

// ErrAlreadyStored reports a page whose URL an article of the folder
// already has; Added.File names that article.
var ErrAlreadyStored = errors.New("the page is already in the articles folder")

// Adder adds articles to a corpus folder: from links, which it fetches and
// extracts, and from files, which it converts when they are web pages. It
// only stores files; the caller reloads the corpus.
type Adder struct {
	// Dir is the corpus folder.
	Dir string
	// Fetcher fetches links; nil means NewFetcher(FetchConfig{}).
	Fetcher *Fetcher
}

// Added describes an article an Adder stored, or found already stored.
type Added struct {
	// File is the name of the article file in Dir.
	File string
	// Article is the article as the corpus reads it.
	Article corpus.Article
	// Duplicate is true when nothing was stored because the folder already
	// had the page (same URL) or the same file; File is that article.
	Duplicate bool
}

// AddURL fetches rawURL, extracts its article and stores it in Dir as a
// .txt article file with a header (title, outlet, published, url,
// language). A page whose URL, as requested, after redirects, or as its
// canonical URL, an article of Dir already has is not stored again: Added
// names that article, Duplicate is true, and the error is ErrAlreadyStored.
func (ad *Adder) AddURL(ctx context.Context, rawURL string) (Added, error) {
	f := ad.Fetcher
	if f == nil {
		f = NewFetcher(FetchConfig{})
	}
	known, err := storedURLs(ad.Dir)
	if err != nil {
		return Added{}, err
	}
	if file, ok := known[normalizeURL(rawURL)]; ok {
		return Added{File: file, Duplicate: true}, ErrAlreadyStored
	}
	page, err := f.Fetch(ctx, rawURL)
	if err != nil {
		return Added{}, err
	}
	p, err := pageArticle(page)
	if err != nil {
		return Added{}, fmt.Errorf("%s: %w", RedactURL(page.URL), err)
	}
	for _, u := range []string{page.URL, p.URL} {
		if file, ok := known[normalizeURL(u)]; ok {
			return Added{File: file, Duplicate: true}, ErrAlreadyStored
		}
	}
	return ad.store(fileStem(p), RenderArticle(p))
}

// AddFile stores an article file: a .txt or .md file as it is, a .html or
// .htm page converted to a .txt article file as AddURL stores pages. name
// is only a suggestion (see SafeArticleName); a page whose URL an article
// already has is ErrAlreadyStored.
func (ad *Adder) AddFile(name string, data []byte) (Added, error) {
	data, name, err := ArticleFile(name, data)
	if err != nil {
		return Added{}, err
	}
	a, err := corpus.ParseArticle(name, data)
	if err != nil {
		return Added{}, err
	}
	if a.URL != "" {
		known, err := storedURLs(ad.Dir)
		if err != nil {
			return Added{}, err
		}
		if file, ok := known[normalizeURL(a.URL)]; ok {
			return Added{File: file, Duplicate: true}, ErrAlreadyStored
		}
	}
	return ad.store(strings.TrimSuffix(name, path.Ext(name)), data)
}

// ArticleFile returns an uploaded file as the article file to store: a web
// page (.html, .htm) becomes a .txt article file with its extracted text
// and metadata; other files are returned as they are. The name returned is
// safe to create (SafeArticleName).
func ArticleFile(name string, data []byte) ([]byte, string, error) {
	if !corpus.IsHTMLFile(name) {
		return data, SafeArticleName(name), nil
	}
	if len(data) > corpus.MaxHTMLFileSize {
		return nil, "", &corpus.FileError{File: name, Err: fmt.Errorf("%w (over %d bytes)", ErrTooLarge, corpus.MaxHTMLFileSize)}
	}
	p, err := corpus.ExtractHTML(data, "", "")
	if err != nil {
		return nil, "", &corpus.FileError{File: name, Err: err}
	}
	stem := strings.TrimSuffix(name, path.Ext(name))
	return RenderArticle(p), SafeArticleName(stem + ".txt"), nil
}

// store writes data as stem.txt (or a free variant of it) and reads back
// the article it holds.
func (ad *Adder) store(stem string, data []byte) (Added, error) {
	name := SafeArticleName(stem + ".txt")
	stored, dup, err := StoreArticle(ad.Dir, name, data)
	if err != nil {
		return Added{}, err
	}
	a, err := corpus.ParseArticle(stored, data)
	if err != nil {
		return Added{File: stored, Duplicate: dup}, err
	}
	return Added{File: stored, Article: a, Duplicate: dup}, nil
}

// pageArticle extracts the article of a fetched page: HTML through
// corpus.ExtractHTML, plain text as it is, its first line the title.
func pageArticle(page Page) (corpus.Page, error) {
	if page.IsHTML() {
		return corpus.ExtractHTML(page.Body, page.ContentType, page.URL)
	}
	text := strings.TrimSpace(strings.ReplaceAll(string(page.Body), "\r\n", "\n"))
	if text == "" {
		return corpus.Page{}, corpus.ErrNoArticle
	}
	p := corpus.Page{URL: page.URL, Text: text}
	p.Title, _, _ = strings.Cut(text, "\n")
	p.Title = strings.TrimSpace(p.Title)
	if u, err := url.Parse(page.URL); err == nil {
		p.Outlet = strings.TrimPrefix(u.Hostname(), "www.")
	}
	return p, nil
}

// RenderArticle writes p as an article file: a header with the fields that
// are known, then the text.
func RenderArticle(p corpus.Page) []byte {
	var b strings.Builder
	b.WriteString("---\n")
	for _, f := range [][2]string{{"title", p.Title}, {"outlet", p.Outlet}, {"published", p.Published}, {"url", p.URL}, {"language", p.Language}} {
		if v := strings.Join(strings.Fields(f[1]), " "); v != "" {
			b.WriteString(f[0] + ": " + v + "\n")
		}
	}
	b.WriteString("---\n")
	b.WriteString(strings.TrimSpace(p.Text))
	b.WriteString("\n")
	return []byte(b.String())
}

// fileStem names the file of a fetched page: the last segment of its URL
// path when it reads like a slug, else its title.
func fileStem(p corpus.Page) string {
	if u, err := url.Parse(p.URL); err == nil {
		seg := path.Base(strings.TrimSuffix(u.Path, "/"))
		seg = strings.TrimSuffix(seg, path.Ext(seg))
		if strings.ContainsFunc(seg, func(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }) && len(seg) >= 4 {
			return seg
		}
	}
	if p.Title != "" {
		return p.Title
	}
	return "article"
}

// storedURLs maps the normalised URL of every article file in dir to the
// file: from the header of a text file, from the page of a .html file.
// Copies of syndicated stories count too: they are in the folder.
func storedURLs(dir string) (map[string]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", dir, err)
	}
	urls := map[string]string{}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !corpus.IsArticleFile(name) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		u := ""
		if corpus.IsHTMLFile(name) {
			if p, err := corpus.ExtractHTML(data, "", ""); err == nil {
				u = p.URL
			}
		} else if a, err := corpus.ReadHeader(data); err == nil {
			u = a.URL
		}
		if u != "" {
			urls[normalizeURL(u)] = name
		}
	}
	return urls, nil
}

// normalizeURL is the form URLs are compared in: scheme and host lower
// case, no fragment, no "www.", no trailing slash, http and https alike.
func normalizeURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return strings.TrimSpace(raw)
	}
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	host = strings.TrimSuffix(strings.TrimSuffix(host, ":80"), ":443")
	p := strings.TrimSuffix(u.EscapedPath(), "/")
	out := host + p
	if u.RawQuery != "" {
		out += "?" + u.RawQuery
	}
	return out
}
