package retrieval

// The bot answers questions about the CSTO from news about it. A corpus fed
// by links and feeds also holds pages that never speak of it — a sports
// report, an economy round-up — and among many such pages one of them will
// share a question's words. An article is in scope when its text or title
// names the CSTO, its treaty or its council (in either language, through
// the glossary); when a corpus has such articles, answers come from them
// alone. A corpus with none (a test's or a demonstration's few pages) has
// no scope and every article answers.

// scopeKeys are the concepts that put an article in scope.
var scopeKeys = []string{"c:org.csto", "c:term.collective_security_treaty", "c:org.collective_security_council"}

// inScope reports whether the article speaks of the CSTO.
func (idx *index) inScope(articleID string) bool {
	if v, ok := idx.scope.Load(articleID); ok {
		return v.(bool)
	}
	in := namesScope(idx.titles[articleID])
	span := idx.articleSpans[articleID]
	for d := span.Start; !in && d < span.End && d < len(idx.analyzed); d++ {
		in = namesScope(idx.analyzed[d])
	}
	idx.scope.Store(articleID, in)
	return in
}

// hasScope reports whether any article of the index speaks of the CSTO.
func (idx *index) hasScope() bool {
	idx.scopeAnyOnce.Do(func() {
		for id := range idx.articleSpans {
			if idx.inScope(id) {
				idx.scopeAny = true
				return
			}
		}
	})
	return idx.scopeAny
}

// namesScope reports whether an analysed text holds a scope concept.
func namesScope(a analyzed) bool {
	for _, k := range scopeKeys {
		if a.hasKey(k) {
			return true
		}
	}
	return false
}

// SpeaksOfCSTO reports whether an article's title or text names the CSTO,
// its treaty or its council, as an answer's article must once the corpus
// holds such articles; an admin adding a page that does not is told so.
func SpeaksOfCSTO(title, text string) bool {
	g := mustDefaultGlossary()
	return namesScope(analyzeText(title, g)) || namesScope(analyzeText(text, g))
}
