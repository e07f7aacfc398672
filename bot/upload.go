package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/alliancebot/alliancebot/corpus"
)

// errDownload marks a failure to fetch an uploaded file from Telegram.
var errDownload = errors.New("download failed")

// fetchDocument downloads a document through getFile and the file URL,
// refusing files over corpus.MaxFileSize before and while downloading.
func (b *Bot) fetchDocument(ctx context.Context, doc *models.Document) ([]byte, error) {
	if !corpus.IsArticleFile(doc.FileName) {
		return nil, corpus.ErrNotArticle
	}
	if doc.FileSize > corpus.MaxFileSize {
		return nil, corpus.ErrTooLarge
	}
	file, err := callWithRetry(ctx, b, "getFile", func(ctx context.Context) (*models.File, error) {
		return b.api.GetFile(ctx, &tgbot.GetFileParams{FileID: doc.FileID})
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errDownload, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, b.api.FileDownloadLink(file), nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errDownload, redactError(err, b.secrets...))
	}
	resp, err := b.downloadClient().Do(req)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errDownload, redactError(err, b.secrets...))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%w: file server answered %s", errDownload, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, corpus.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errDownload, redactError(err, b.secrets...))
	}
	if len(data) > corpus.MaxFileSize {
		return nil, corpus.ErrTooLarge
	}
	return data, nil
}

// errRedirectElsewhere refuses a file download that redirects off the
// Bot API's host.
var errRedirectElsewhere = errors.New("the file server redirected to another host")

// downloadClient is the bot's HTTP client for file URLs, which hold the
// token in their path: it follows a redirect only on the same host, and
// never tells the next request where it came from (Referer).
func (b *Bot) downloadClient() *http.Client {
	c := *b.http
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		req.Header.Del("Referer")
		if len(via) >= 3 {
			return errors.New("too many redirects")
		}
		if req.URL.Host != via[0].URL.Host || req.URL.Scheme != via[0].URL.Scheme {
			return errRedirectElsewhere
		}
		return nil
	}
	return &c
}

// uploadReason turns why an upload failed into words for the admin.
func uploadReason(err error, l lang) string {
	switch {
	case errors.Is(err, corpus.ErrNotArticle):
		return l.text(msgReasonNotArticle)
	case errors.Is(err, corpus.ErrTooLarge):
		return l.text(msgReasonTooLarge, corpus.MaxFileSize/1024)
	case errors.Is(err, corpus.ErrEmpty):
		return l.text(msgReasonEmpty)
	case errors.Is(err, corpus.ErrNotUTF8):
		return l.text(msgReasonNotUTF8)
	case errors.Is(err, corpus.ErrBinary):
		return l.text(msgReasonBinary)
	case errors.Is(err, corpus.ErrBadHeader):
		detail := err.Error()
		if _, after, ok := strings.Cut(detail, corpus.ErrBadHeader.Error()+": "); ok {
			detail = after
		}
		return l.text(msgReasonBadHeader, escapeHTML(plainTrim(detail, 200)))
	case errors.Is(err, errDownload):
		return l.text(msgReasonDownload)
	}
	return escapeHTML(plainTrim(err.Error(), 300))
}

// maxStemRunes bounds the file names made from uploads.
const maxStemRunes = 60

// safeArticleName turns an uploaded file name into one that is safe to
// create in the articles folder: no directories, no leading dot, only
// letters, digits, '-' and '_' before a lower-case .txt or .md extension.
func safeArticleName(name string) string {
	base := path.Base(strings.ReplaceAll(name, `\`, "/"))
	ext := strings.ToLower(path.Ext(base))
	if ext != ".md" {
		ext = ".txt"
	}
	var b strings.Builder
	for _, r := range strings.TrimSuffix(base, path.Ext(base)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			b.WriteRune(r)
		case !strings.HasSuffix(b.String(), "_"):
			b.WriteRune('_')
		}
	}
	stem := strings.Trim(b.String(), "_-")
	if utf8.RuneCountInString(stem) > maxStemRunes {
		// Trimmed again, so that the cut leaves no '_' at the end and the
		// name stays the same when made safe twice.
		stem = strings.Trim(string([]rune(stem)[:maxStemRunes]), "_-")
	}
	if stem == "" {
		stem = "article"
	}
	return stem + ext
}

// maxNameAttempts bounds the search for a free "<stem>-<n><ext>" name.
const maxNameAttempts = 100

// storeArticle writes data to dir under name, or under "<stem>-2<ext>",
// "<stem>-3<ext>", … when the stem is taken: an upload never replaces an
// article, and never shares the article ID (the stem) of another. A stem is
// taken by an article file with either extension, .txt or .md, compared
// without regard to case, so that csto_members.md is not stored beside
// csto_members.txt, where the loader would refuse one of them (and on a
// case-insensitive file system X.txt and x.txt are one file). When a file
// with a taken stem holds exactly the same content, the article counts as
// already stored: duplicate is true and stored is that file's name.
func storeArticle(dir, name string, data []byte) (stored string, duplicate bool, err error) {
	taken, err := articleStems(dir)
	if err != nil {
		return "", false, fmt.Errorf("store %s: %w", name, err)
	}
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for n := 1; n <= maxNameAttempts; n++ {
		candidate := stem
		if n > 1 {
			candidate = fmt.Sprintf("%s-%d", stem, n)
		}
		if files := taken[strings.ToLower(candidate)]; len(files) > 0 {
			for _, file := range files {
				if existing, err := os.ReadFile(filepath.Join(dir, file)); err == nil && bytes.Equal(existing, data) {
					return file, true, nil
				}
			}
			continue
		}
		candidate += ext
		full := filepath.Join(dir, candidate)
		f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", false, fmt.Errorf("store %s: %w", candidate, err)
		}
		_, werr := f.Write(data)
		cerr := f.Close()
		if err := errors.Join(werr, cerr); err != nil {
			os.Remove(full)
			return "", false, fmt.Errorf("store %s: %w", candidate, err)
		}
		return candidate, false, nil
	}
	return "", false, fmt.Errorf("store %s: no free name after %d attempts", name, maxNameAttempts)
}

// articleStems maps the lower-cased stem of every article file in dir to
// the files that have it.
func articleStems(dir string) (map[string][]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	stems := map[string][]string{}
	for _, e := range entries {
		if e.IsDir() || !corpus.IsArticleFile(e.Name()) {
			continue
		}
		stem := strings.ToLower(strings.TrimSuffix(e.Name(), path.Ext(e.Name())))
		stems[stem] = append(stems[stem], e.Name())
	}
	return stems, nil
}
