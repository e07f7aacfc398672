// Package corpus reads article files, cleans scraped text and splits it into
// passages that the retrieval engine indexes.
package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"strings"
	"time"
	"unicode/utf8"
)

// Article is one source article: its metadata, the body as scraped and the
// cleaned text that passages point into.
type Article struct {
	// ID is the file name without its extension; it is stable across reloads.
	ID string
	// File is the file name the article was read from.
	File string
	// Title, Outlet, Published (YYYY-MM-DD or ""), Language and URL come from
	// the metadata header. Without a header the Title is the line that reads
	// as the page's headline, and without a header date Published is the
	// date the page prints near its top, if any.
	Title     string
	Outlet    string
	Published string
	Language  string
	URL       string
	// Raw is the body exactly as it was in the file, header removed; an
	// article a Cache gives back may not have it.
	Raw string
	// Text is the cleaned body: page furniture dropped, whitespace and quotes
	// normalised, paragraphs separated by one blank line.
	Text string
	// Bands are the MinHash band keys of Text that near-duplicate
	// detection compares (duplicates.go); nil for a text too short to
	// compare.
	Bands []uint64
	// Digest is the hex SHA-256 of the file's bytes: a file that has not
	// changed has the same digest, so a Cache can give back what an
	// earlier load made of it.
	Digest string
	// Stamp is the file's size and times when it was read, zero when they
	// cannot be trusted to tell a change (see FileStamp).
	Stamp FileStamp
	// AlsoReportedBy are the other outlets' copies of this article (the
	// same wire story), which Load set aside so that the story is indexed
	// once; see duplicates.go.
	AlsoReportedBy []Report
	// DuplicateOf is, for a copy Load set aside, the ID of the article
	// indexed in its place.
	DuplicateOf string
}

// MaxFileSize is the largest article file that is read; larger files are
// refused with a FileError so one stray upload cannot exhaust memory.
const MaxFileSize = 1 << 20

var (
	// ErrEmpty reports a file with no article text in it.
	ErrEmpty = errors.New("the file has no article text")
	// ErrTooLarge reports a file over MaxFileSize.
	ErrTooLarge = fmt.Errorf("the file is larger than %d bytes", MaxFileSize)
	// ErrNotUTF8 reports a file that is not valid UTF-8 text.
	ErrNotUTF8 = errors.New("the file is not valid UTF-8 text")
	// ErrBinary reports a file that holds binary data.
	ErrBinary = errors.New("the file holds binary data, not text")
	// ErrBadHeader reports a metadata header that cannot be read.
	ErrBadHeader = errors.New("the metadata header does not parse")
	// ErrNotArticle reports a file whose extension is not .txt, .md, .html
	// or .htm.
	ErrNotArticle = errors.New("only .txt, .md, .html and .htm files are articles")
	// ErrNotRegular reports a folder entry that is not a regular file (a
	// device, a named pipe, a link to one).
	ErrNotRegular = errors.New("not a regular file")
	// ErrDuplicateID reports a file whose name without extension is taken
	// by another article file (x.txt and x.md).
	ErrDuplicateID = errors.New("another article file has the same name without extension")
)

// FileError says why one file of a corpus folder could not be loaded.
type FileError struct {
	File string
	Err  error
}

func (e *FileError) Error() string { return e.File + ": " + e.Err.Error() }

func (e *FileError) Unwrap() error { return e.Err }

// IsArticleFile reports whether name has an extension that is read as an
// article: .txt and .md text files and .html and .htm web pages.
func IsArticleFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt", ".md", ".html", ".htm":
		return true
	}
	return false
}

// ParseArticle reads one article file. A file may start with a header between
// two "---" lines holding "key: value" lines (title, outlet, published,
// language, url); without one the title is the page's headline line. The
// returned error is a *FileError naming the file. A .html or .htm file is a
// web page, read by ExtractHTML (see html.go).
func ParseArticle(name string, data []byte) (Article, error) {
	fail := func(err error) (Article, error) { return Article{}, &FileError{File: name, Err: err} }
	if !IsArticleFile(name) {
		return fail(ErrNotArticle)
	}
	if IsHTMLFile(name) {
		return parseHTMLFile(name, data)
	}
	if len(data) > MaxFileSize {
		return fail(ErrTooLarge)
	}
	if isBinary(data) {
		return fail(ErrBinary)
	}
	if !utf8.Valid(data) {
		return fail(ErrNotUTF8)
	}
	text := fileText(data)
	a := Article{ID: strings.TrimSuffix(path.Base(name), path.Ext(name)), File: path.Base(name), Digest: FileDigest(data)}
	body, err := parseHeader(&a, text)
	if err != nil {
		return fail(err)
	}
	a.Raw = body
	kind := markupOf(body)
	if kind != plainText && body == text {
		// No header: parseHeader's headline was read from the markup.
		a.Title = ""
	}
	switch kind {
	case htmlPage:
		return parseSavedPage(a, body, fail)
	case xmlDocument:
		return parseXMLDocument(a, body, fail)
	}
	readable := body
	if isMarkdown(name) {
		readable = markdownText(body)
		if body == text {
			// No header: the headline is found in the text a reader
			// sees, not among the Markdown markers.
			a.Title = ""
		}
	}
	if a.Title == "" {
		// No title in the header (or no header): the page's headline.
		a.Title = headlineOf(readable)
	}
	a.Text = CleanScrapedText(readable, a.Title)
	if a.Text == "" && body == text {
		// A plain file of one line: its title is all the text it has.
		a.Text = CleanScrapedText(readable, "")
	}
	if strings.TrimSpace(a.Text) == "" {
		return fail(ErrEmpty)
	}
	a.completeFromText(body)
	return a, nil
}

// completeFromText gives a, whose Text is cleaned, what neither its header
// nor its page said: the first line of its text as title, the language
// its letters are in, and the first date page prints as published.
func (a *Article) completeFromText(page string) {
	if a.Title == "" {
		a.Title = firstLine(a.Text)
	}
	if a.Language == "" {
		a.Language = guessLanguage(a.Text)
	}
	if a.Published == "" {
		a.Published = publishedFromText(page, time.Now())
	}
}

// FileDigest is the Digest of an article file's bytes.
func FileDigest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func firstLine(text string) string {
	for _, line := range strings.Split(text, "\n") {
		if s := strings.TrimSpace(line); s != "" {
			return s
		}
	}
	return ""
}

// isBinary reports NUL bytes or a high share of control characters in the
// first few kilobytes, the usual signs of a non-text file.
func isBinary(data []byte) bool {
	sample := data
	if len(sample) > 8192 {
		sample = sample[:8192]
	}
	control := 0
	for _, b := range sample {
		if b == 0 {
			return true
		}
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' {
			control++
		}
	}
	return len(sample) > 0 && control*10 > len(sample)
}

// guessLanguage returns "ru" when most letters are Cyrillic, else "en".
func guessLanguage(text string) string {
	cyr, lat := 0, 0
	for _, r := range text {
		switch {
		case r >= 'А' && r <= 'я', r == 'ё', r == 'Ё':
			cyr++
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			lat++
		}
	}
	if cyr > lat {
		return "ru"
	}
	return "en"
}
