package corpus

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/alliancebot/alliancebot/internal/lazyregexp"
)

// An article file may start with a metadata header between two "---" lines:
//
//	---
//	title: CSTO leaders meet in Minsk
//	outlet: Example News
//	published: 2022-11-23
//	---
//	The body of the article…
//
// parseHeader reads it for ParseArticle; SetTitle writes its title.

var datePattern = lazyregexp.New(`^\d{4}-\d{2}-\d{2}$`)

// headerKeys are the metadata fields a header may carry.
var headerKeys = map[string]bool{"title": true, "outlet": true, "published": true, "language": true, "url": true}

// fileText is the text of an article file as it is parsed: without a byte
// order mark, with LF line ends.
func fileText(data []byte) string {
	text := strings.TrimPrefix(string(data), "\uFEFF")
	return strings.ReplaceAll(text, "\r\n", "\n")
}

// splitHeader splits text into the lines of its header and the body after
// the header. Text that does not start with a "---" line has no header:
// found is false and body is all of text. A header without its closing
// "---" line is an ErrBadHeader.
func splitHeader(text string) (header, body string, found bool, err error) {
	rest, ok := strings.CutPrefix(text, "---\n")
	if !ok {
		return "", text, false, nil
	}
	end := strings.Index(rest, "\n---")
	if end < 0 {
		return "", "", true, fmt.Errorf("%w: no closing --- line", ErrBadHeader)
	}
	return rest[:end], strings.TrimPrefix(rest[end+len("\n---"):], "\n"), true, nil
}

// parseHeader fills a from the header, if the text has one, and returns the
// body. Without a header the title is the line that reads as the page's
// headline (headlineOf).
func parseHeader(a *Article, text string) (string, error) {
	header, body, found, err := splitHeader(text)
	if err != nil {
		return "", err
	}
	if !found {
		a.Title = headlineOf(text)
		if a.Title == "" {
			a.Title = normalizeLine(firstLine(text))
		}
		return text, nil
	}
	sc := bufio.NewScanner(strings.NewReader(header))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		key = strings.ToLower(strings.TrimSpace(key))
		if !ok || !headerKeys[key] {
			return "", fmt.Errorf("%w: line %d %q is not one of title, outlet, published, language, url", ErrBadHeader, n, line)
		}
		value = strings.TrimSpace(value)
		switch key {
		case "title":
			a.Title = value
		case "outlet":
			a.Outlet = value
		case "published":
			if value != "" && !datePattern.MatchString(value) {
				return "", fmt.Errorf("%w: published %q is not YYYY-MM-DD", ErrBadHeader, value)
			}
			a.Published = value
		case "language":
			a.Language = strings.ToLower(value)
		case "url":
			a.URL = value
		}
	}
	return body, nil
}

// ReadHeader returns the metadata header fields (Title, Outlet, Published,
// Language, URL) of a text article file without reading its body: a cheap
// look at what a folder holds. A file without a header has only a Title.
func ReadHeader(data []byte) (Article, error) {
	var a Article
	_, err := parseHeader(&a, fileText(data))
	return a, err
}

// SetTitle returns the article file data with title as its title: it
// replaces the title line of the header, or is added to a header without
// one, or becomes a header of its own in front of a file without a header
// (whose first line then stays in the body). The title is written on one
// line with runs of white space collapsed; a title that is empty after that
// leaves data as it is. Otherwise the result has LF line ends and no byte
// order mark, the form ParseArticle reads, and keeps the other header lines
// and the body as they were.
//
// SetTitle fails with an error wrapping ErrBadHeader when the header does
// not parse; the rest of the file is left for ParseArticle to check.
func SetTitle(data []byte, title string) ([]byte, error) {
	title = strings.Join(strings.Fields(title), " ")
	if title == "" {
		return data, nil
	}
	text := fileText(data)
	if _, err := parseHeader(&Article{}, text); err != nil {
		return nil, err
	}
	header, body, found, _ := splitHeader(text) // it parsed, so it splits
	lines := []string{"title: " + title}
	if found {
		for _, line := range strings.Split(header, "\n") {
			key, _, _ := strings.Cut(line, ":")
			if !strings.EqualFold(strings.TrimSpace(key), "title") {
				lines = append(lines, line)
			}
		}
	}
	return []byte("---\n" + strings.Join(lines, "\n") + "\n---\n" + body), nil
}
