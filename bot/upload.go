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
		return nil, fmt.Errorf("%w: %w", errDownload, redactError(err, b.token))
	}
	resp, err := b.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errDownload, redactError(err, b.token))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%w: file server answered %s", errDownload, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, corpus.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errDownload, redactError(err, b.token))
	}
	if len(data) > corpus.MaxFileSize {
		return nil, corpus.ErrTooLarge
	}
	return data, nil
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
		stem = string([]rune(stem)[:maxStemRunes])
	}
	if stem == "" {
		stem = "article"
	}
	return stem + ext
}

// maxNameAttempts bounds the search for a free "<stem>-<n><ext>" name.
const maxNameAttempts = 100

// storeArticle writes data to dir under name, or under "<stem>-2<ext>",
// "<stem>-3<ext>", … when another article already has the name: an upload
// never replaces an article. A file with exactly the same content counts as
// already stored (duplicate is true).
func storeArticle(dir, name string, data []byte) (stored string, duplicate bool, err error) {
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for n := 1; n <= maxNameAttempts; n++ {
		candidate := name
		if n > 1 {
			candidate = fmt.Sprintf("%s-%d%s", stem, n, ext)
		}
		full := filepath.Join(dir, candidate)
		if existing, err := os.ReadFile(full); err == nil {
			if bytes.Equal(existing, data) {
				return candidate, true, nil
			}
			continue
		}
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
