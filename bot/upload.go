package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/alliancebot/alliancebot/corpus"
)

// errDownload marks a failure to fetch an uploaded file from Telegram.
var errDownload = errors.New("download failed")

// fetchDocument downloads a document through getFile and the file URL,
// refusing files over corpus.MaxFileSize (corpus.MaxHTMLFileSize for a web
// page) before and while downloading.
func (b *Bot) fetchDocument(ctx context.Context, doc *models.Document) ([]byte, error) {
	if !corpus.IsArticleFile(doc.FileName) {
		return nil, corpus.ErrNotArticle
	}
	limit := uploadLimit(doc.FileName)
	if doc.FileSize > limit {
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
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errDownload, redactError(err, b.secrets...))
	}
	if int64(len(data)) > limit {
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

// uploadLimit is the largest upload of the named file read: a web page
// may be larger than a text article.
func uploadLimit(fileName string) int64 {
	if corpus.IsHTMLFile(fileName) {
		return corpus.MaxHTMLFileSize
	}
	return corpus.MaxFileSize
}

// uploadReason turns why an upload failed into words for the admin; limit
// is the size limit, in bytes, that applied to the file.
func uploadReason(err error, limit int64, l lang) string {
	switch {
	case errors.Is(err, corpus.ErrNotArticle):
		return l.text(msgReasonNotArticle)
	case errors.Is(err, corpus.ErrTooLarge):
		return l.text(msgReasonTooLarge, limit/1024)
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
	case errors.Is(err, corpus.ErrNoArticle):
		return l.articleText(amReasonNoArticle)
	case errors.Is(err, errDownload):
		return l.text(msgReasonDownload)
	}
	return escapeHTML(plainTrim(err.Error(), 300))
}
