package retrieval

import (
	"time"

	"github.com/alliancebot/alliancebot/corpus"
)

// MaxQuestionRunes is the longest question the engine answers; longer ones are
// refused with RefusedTooLong so a pasted article cannot slow everyone down.
const MaxQuestionRunes = 1000

// AsOfText renders AsOf for a person, as "14 June 2024"; "" when unknown.
func (a Answer) AsOfText() string {
	if a.AsOf == "" {
		return ""
	}
	return asOfDate(a.AsOf)
}

// Refusal says why an Answer was not found.
type Refusal int

const (
	// NotRefused marks an answer that was found.
	NotRefused Refusal = iota
	// RefusedEmpty marks an empty question.
	RefusedEmpty
	// RefusedTooLong marks a question over MaxQuestionRunes.
	RefusedTooLong
	// RefusedNotCovered marks a question the articles do not answer.
	RefusedNotCovered
	// RefusedNoIndex marks a question asked before any corpus was loaded.
	RefusedNoIndex
)

// Span is a half-open byte range [Start, End) in a piece of text.
type Span = corpus.Span

// Answer is the engine's reply to one question.
type Answer struct {
	Question string `json:"question"`
	Found    bool   `json:"found"`
	// Text is one or two sentences quoted verbatim from the articles when
	// Found; otherwise a short message for a person saying why not.
	Text      string     `json:"answer"`
	Citations []Citation `json:"citations"`
	// AsOf is, for a question about the present, the publication date
	// (YYYY-MM-DD) of the article the answer quotes: the date the answer
	// speaks for. Empty for other questions and undated articles.
	AsOf string `json:"as_of,omitempty"`
	// Marks are the spans of Text whose words matched the question.
	Marks   []Span  `json:"-"`
	Refusal Refusal `json:"-"`
}

// Citation is one numbered source of an Answer.
type Citation struct {
	N         int    `json:"n"`
	Doc       string `json:"doc"`
	Title     string `json:"title"`
	Source    string `json:"source"`
	Published string `json:"published"`
	// URL is the article's address on the web, from its header; "" when
	// unknown.
	URL     string  `json:"url,omitempty"`
	Snippet string  `json:"snippet"`
	Score   float64 `json:"score"`
	// PassageID identifies the cited passage; Passage is its full text and
	// Paragraph its paragraph number in the cleaned article.
	PassageID string `json:"-"`
	Passage   string `json:"-"`
	Paragraph int    `json:"-"`
	// Marks are the spans of Snippet whose words matched the question.
	Marks []Span `json:"-"`
	// AlsoReportedBy are the other outlets that carried the same story;
	// their copies are not indexed, so they never take a citation of
	// their own.
	AlsoReportedBy []Report `json:"also_reported_by,omitempty"`
}

// Report is another outlet's copy of a cited article.
type Report struct {
	Source    string `json:"source"`
	Published string `json:"published"`
	// Doc is the copy's article ID (its file name without extension).
	Doc string `json:"-"`
}

// reportsOf turns the copies the corpus set aside into citation reports.
func reportsOf(rs []corpus.Report) []Report {
	if len(rs) == 0 {
		return nil
	}
	out := make([]Report, len(rs))
	for i, r := range rs {
		out[i] = Report{Source: r.Outlet, Published: r.Published, Doc: r.ID}
		if out[i].Source == "" {
			out[i].Source = r.Title
		}
	}
	return out
}

// Options tune one call of Engine.AnswerWith.
type Options struct {
	// Citations is how many sources to return at most; 0 means 3.
	Citations int
}

// ArticleInfo describes one indexed article.
type ArticleInfo struct {
	ID        string
	Title     string
	Outlet    string
	Published string
	Passages  int
	// URL is where the article was published, when known.
	URL string
	// AlsoReportedBy are the other outlets that carried the same story.
	AlsoReportedBy []Report
}

// Stats describes the index that is serving.
type Stats struct {
	Ready    bool
	Embedder string
	Articles []ArticleInfo
	Passages int
	// LoadedAt is when the serving index was swapped in.
	LoadedAt time.Time
}

// ReloadReport summarises one Engine.Load.
type ReloadReport struct {
	Articles int
	Passages int
	// Added, Changed and Removed count passages by ID against the index that
	// served before; Embedded counts the passages whose vectors had to be
	// computed (the rest came from earlier loads, the stored index or
	// ImportIndex).
	Added    int
	Changed  int
	Removed  int
	Embedded int
	Errors   []*corpus.FileError
	Took     time.Duration
}
