package retrieval

import "regexp"

// The bot answers questions about the CSTO from news about it. A corpus fed
// by links and feeds also holds pages that never speak of it — a sports
// report, an economy round-up — and among many such pages one of them will
// share a question's words. An article is in scope when its title or text
// names the CSTO, its treaty or its council (scopeNames); when a corpus has
// such articles, answers come from them alone, and only their words weigh
// a question (localStats). A corpus with none (a test's or a
// demonstration's few pages) has no scope and every article answers.

// scopeNames are the names of the CSTO, its treaty and its council in
// English and Russian: the domain's own names, not the bare "organisation"
// the glossary also reads as the CSTO.
var scopeNames = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:csto|odkb|одкб|collective security (?:treaty|council)|договор\p{L}* о коллективной безопасности|совет\p{L}* коллективной безопасности)(?:$|[^\p{L}])`)

// scopeKeys are the glossary concepts whose passages may name them.
var scopeKeys = []string{"c:org.csto", "c:term.collective_security_treaty", "c:org.collective_security_council"}

// inScope reports whether the article speaks of the CSTO.
func (idx *index) inScope(articleID string) bool {
	if v, ok := idx.scope.Load(articleID); ok {
		return v.(bool)
	}
	in := false
	span := idx.articleSpans[articleID]
	if span.Start < len(idx.passages) && span.End > span.Start {
		in = scopeNames.MatchString(idx.passages[span.Start].Title)
	}
	for d := span.Start; !in && d < span.End && d < len(idx.passages); d++ {
		in = scopeNames.MatchString(idx.passages[d].Text)
	}
	idx.scope.Store(articleID, in)
	return in
}

// hasScope reports whether the index may hold articles in scope: whether
// any passage has a scope concept, which the posting lists say at once.
// inScope decides for each article.
func (idx *index) hasScope() bool {
	for _, k := range scopeKeys {
		if len(idx.lexical.postings[k]) > 0 {
			return true
		}
	}
	return false
}

// SpeaksOfCSTO reports whether an article's title or text names the CSTO,
// its treaty or its council, as an answer's article must once the corpus
// holds such articles; an admin adding a page that does not is told so.
func SpeaksOfCSTO(title, text string) bool {
	return scopeNames.MatchString(title) || scopeNames.MatchString(text)
}
