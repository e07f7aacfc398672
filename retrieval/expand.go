package retrieval

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/alliancebot/alliancebot/lexicon"
)

// A question's words meet the articles' other words for the same thing
// through the lexicon: English synonyms and derivations from WordNet
// ("founded" → "established"), translations between English and Russian
// ("перемирие" → "truce"), and the other-script spellings of a name
// ("Тасмагамбетов" → "Tasmagambetov"). Such a match counts for less than the
// word itself: the unit matches with the relation's weight.

// relatedKey is an index term that matches a unit at less than full weight.
type relatedKey struct {
	key    string
	weight float64
	name   bool // another spelling of a name, not another word
}

// Expansion limits and weights.
const (
	// maxRelatedPerUnit bounds the related terms a unit takes, heaviest
	// first, so a word with many senses does not match everything.
	maxRelatedPerUnit = 12
	// maxTranslations is how many of a word's translations count, the
	// heaviest first; translationScale weighs a translation against a
	// word of the question's own language.
	maxTranslations  = 4
	translationScale = 0.8
	// formHop weighs another form of a translation (its spelling,
	// inflection or pertainym) against the translation itself.
	formHop = 0.9
	// minRelatedWeight drops relations too weak to be worth a match.
	minRelatedWeight = 0.3
	// nameWeight is how much another spelling of a name counts: nearly
	// the name itself.
	nameWeight = 0.9
	// nameKeySlack is how many more letters one spelling's key may have
	// than the other's: the case ending of a Russian name ("Хачатурова").
	nameKeySlack = 3
	// nameKeyMin is the shortest name key compared by prefix.
	nameKeyMin = 4
)

// strength is how well index terms keys match unit u: 1 for one of its
// alternatives, the weight of its best related term, or 0.
func (u *queryUnit) strength(keys []string) float64 {
	best := 0.0
	for _, k := range keys {
		if containsKey(u.alts, k) {
			return 1
		}
		for _, r := range u.related {
			if r.key == k && r.weight > best {
				best = r.weight
			}
		}
	}
	return best
}

// addRelated adds a related term to u unless u has it already at that
// weight or more, or no passage has it.
func (u *queryUnit) addRelated(idx *index, r relatedKey) {
	if r.weight < minRelatedWeight || idx.lexical.df[r.key] == 0 || containsKey(u.alts, r.key) {
		return
	}
	for i, old := range u.related {
		if old.key == r.key {
			u.related[i].weight = max(old.weight, r.weight)
			u.related[i].name = old.name || r.name
			return
		}
	}
	u.related = append(u.related, r)
}

// keepNames drops the related terms that are not spellings of the name.
func (u *queryUnit) keepNames() {
	kept := u.related[:0]
	for _, r := range u.related {
		if r.name {
			kept = append(kept, r)
		}
	}
	u.related = kept
}

// expandUnits gives each one-word unit the index terms the lexicon relates
// to its word, and each capitalised word the other spellings of its name in
// the index.
func (e *Engine) expandUnits(idx *index, toks []token, units []queryUnit) {
	for i := range units {
		u := &units[i]
		t := toks[u.first]
		if u.first != u.last || t.stop {
			continue
		}
		next := ""
		if u.last+1 < len(toks) {
			next = toks[u.last+1].lower
		}
		// A name is met by its spellings; the lexicon's words for it
		// ("Yerevan" → Armenia) are other things.
		name := e.takenAsName(toks, u.first, u.surface)
		spell := t.capital || isAllCaps(u.surface)
		for _, r := range e.wordRelations(idx, t, next, name, spell) {
			u.addRelated(idx, r)
		}
	}
	e.expandRussianPhrases(idx, toks, units)
	for i := range units {
		units[i].keepHeaviest(maxRelatedPerUnit)
	}
}

// expandRussianPhrases gives two adjacent Russian words that make a
// dictionary phrase the phrase's translations, both of them: "прекращении
// огня" is a ceasefire, which neither word is alone.
func (e *Engine) expandRussianPhrases(idx *index, toks []token, units []queryUnit) {
	lex := e.lexicon()
	if lex == nil {
		return
	}
	for i := range units {
		u := &units[i]
		t := toks[u.first]
		if u.first != u.last || t.stop || !t.cyrillic || u.last+1 >= len(toks) {
			continue
		}
		next := toks[u.last+1]
		if next.stop || !next.cyrillic {
			continue
		}
		j := slices.IndexFunc(units, func(v queryUnit) bool { return v.first == u.last+1 && v.last == u.last+1 })
		if j < 0 {
			continue
		}
		for _, r := range e.phraseRelations(idx, lex, t.lower, next.lower) {
			units[i].addRelated(idx, r)
			units[j].addRelated(idx, r)
		}
	}
}

// takenAsName reports whether the question's i-th token names a specific
// thing: it is capitalised inside the question or written in capitals.
// Russian capitalises the first word of an organisation's name too
// ("Парламентская ассамблея", "Совет министров"), so a capitalised Russian
// dictionary word that is an adjective, or is followed by a lower-case word
// in the genitive, is a word, not a name; a surname that is also a word
// ("Орлов сказал") stays a name, and so does a quoted word («Рассвет» is a
// club or a firm). English capitalises every word of such a name ("the
// Joint Staff", "Prime Minister"): a capitalised dictionary word after
// another capitalised word inside the question is a word.
func (e *Engine) takenAsName(toks []token, i int, surface string) bool {
	t := toks[i]
	if !(t.capital && i > 0 || isAllCaps(surface)) {
		return false
	}
	lex := e.lexicon()
	if lex == nil || isAllCaps(surface) || t.quoted {
		return true
	}
	if t.cyrillic {
		organisation := russianAdjective.MatchString(t.lower) ||
			i+1 < len(toks) && toks[i+1].cyrillic && !toks[i+1].capital && russianGenitive.MatchString(toks[i+1].lower)
		return !(organisation && lex.IsRussianWord(t.lower))
	}
	if prev := toks[i-1]; i > 1 && prev.capital && prev.end+1 == t.start && lex.IsEnglishWord(t.lower) {
		return false
	}
	return true
}

// placeOfAdjective returns the places a capitalised Russian adjective in
// -ский may be made from: the word without its ending («Минской» → Минск)
// and without -ск- too («Брестской» → Брест). The caller keeps those the
// articles write as names (not «мин» for «Минской»).
func placeOfAdjective(w string) []string {
	loc := placeAdjective.FindStringIndex(w)
	if loc == nil || utf8.RuneCountInString(w[:loc[0]]) < 3 {
		return nil
	}
	base := w[:loc[0]]
	return []string{base + "ск", base}
}

// placeAdjective is the ending of a Russian adjective in -ский in any case.
var placeAdjective = regexp.MustCompile(`ск(ий|ая|ое|ие|ого|ой|ому|им|ом|ую|их|ими)$`)

// russianAdjective and russianGenitive recognise the endings of a Russian
// adjective («Парламентская», «Объединённого») and of a noun or adjective
// in the genitive that follows the head of a name («Совет министров»,
// «Совет коллективной безопасности»).
var (
	russianAdjective = regexp.MustCompile(`(ая|яя|ый|ий|ой|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ей|ую|юю|ых|их|ыми|ими)$`)
	russianGenitive  = regexp.MustCompile(`(ов|ев|ей|ой|ого|его|ых|их|ии|ства|ости)$`)
)

// phraseRelations returns the index terms that translate the Russian
// phrase of words w1 and w2, remembered per index like wordRelations.
func (e *Engine) phraseRelations(idx *index, lex *lexicon.Lexicon, w1, w2 string) []relatedKey {
	key := expansionKey{word: w1, next: w2, phrase: true}
	if v, ok := idx.expansions.Load(key); ok {
		return v.([]relatedKey)
	}
	var tmp queryUnit
	for _, tr := range firstTerms(lex.FirstTranslations(w1+" "+w2, lexicon.Russian, firstTermsRead), maxTranslations) {
		tmp.addTerm(idx, tr.Text, translationScale*float64(tr.Weight))
	}
	if idx.expansionCount.Add(1) <= maxCachedExpansions {
		idx.expansions.Store(key, tmp.related)
	}
	return tmp.related
}

// maxCachedExpansions bounds the words whose relations an index remembers.
const maxCachedExpansions = 20000

// expansionKey identifies one word's relations: the word, the word after it
// (for a phrasal verb) and whether it is taken as a name.
type expansionKey struct {
	word, next  string
	name, spell bool
	phrase      bool // the translations of the phrase "word next"
}

// wordRelations returns the index terms related to question word t, as
// expandUnits adds them, remembered per index: a question's words are
// analysed more than once (a second weighing, a second kind), and the same
// words come back in later questions.
func (e *Engine) wordRelations(idx *index, t token, next string, name, spell bool) []relatedKey {
	key := expansionKey{word: t.lower, next: next, name: name, spell: spell}
	if v, ok := idx.expansions.Load(key); ok {
		return v.([]relatedKey)
	}
	var tmp queryUnit
	if !e.noTransliteration && spell {
		for _, stem := range idx.names.spellings(t) {
			tmp.addRelated(idx, relatedKey{key: "w:" + stem, weight: nameWeight, name: true})
		}
		if name && len(tmp.related) == 0 && idx.lexical.df["w:"+t.stem] == 0 {
			// A name the articles write only in the other script and
			// in lower case, as a word of their language: "Mazhilis"
			// is «мажилис».
			for _, stem := range idx.wordNameIndex().spellings(t) {
				if r, _ := utf8.DecodeRuneInString(stem); unicode.Is(unicode.Cyrillic, r) != t.cyrillic {
					tmp.addRelated(idx, relatedKey{key: "w:" + stem, weight: nameWeight, name: true})
				}
			}
		}
	}
	if spell && t.cyrillic {
		// «Брестской области» is Brest's: a place's adjective meets
		// the place («Брест», «Минск») the articles name.
		for _, base := range placeOfAdjective(t.lower) {
			if st := stemWord(base, true); st != t.stem && idx.names.has(base, st) {
				tmp.addRelated(idx, relatedKey{key: "w:" + st, weight: nameWeight, name: true})
			}
		}
	}
	if lex := e.lexicon(); lex != nil && name && !t.cyrillic && lex.IsEnglishWord(t.lower) {
		// A capitalised English word the dictionary has ("Americans",
		// "Kyrgyz") is written in lower case in Russian («американцы»):
		// its translations are its spellings there, though its related
		// words are other things.
		var tr queryUnit
		for _, term := range firstTerms(lex.FirstTranslations(t.lower, lexicon.English, firstTermsRead), maxTranslations) {
			tr.addTerm(idx, term.Text, translationScale*float64(term.Weight))
		}
		for _, r := range tr.related {
			r.name = true
			tmp.addRelated(idx, r)
		}
	} else if lex != nil && !name {
		// A phrasal verb is looked up whole: "set up" → establish.
		if !t.cyrillic && next != "" {
			for _, r := range lex.Related(t.lower + " " + next) {
				tmp.addTerm(idx, r.Term, float64(r.Weight))
			}
		}
		// Adding the word's own relations, as lexiconRelations found
		// them alone, merges them into those above as adding each
		// term would: the first of a key keeps its place and the
		// heaviest weight counts.
		for _, r := range e.lexiconRelations(idx, lex, t.lower, t.cyrillic) {
			tmp.addRelated(idx, r)
		}
	}
	if idx.expansionCount.Add(1) <= maxCachedExpansions {
		idx.expansions.Store(key, tmp.related)
	}
	return tmp.related
}

// lexiconRelations returns the index terms the lexicon relates to a word,
// as addTerm adds them: its translations and, for an English word, its
// related words. They are remembered per index, up to maxCachedExpansions
// words: a word comes back in other questions next to other words.
func (e *Engine) lexiconRelations(idx *index, lex *lexicon.Lexicon, word string, cyrillic bool) []relatedKey {
	if v, ok := idx.wordLexicon.Load(word); ok {
		return v.([]relatedKey)
	}
	var tmp queryUnit
	if cyrillic {
		for _, tr := range firstTerms(lex.FirstTranslations(word, lexicon.Russian, firstTermsRead), maxTranslations) {
			w := translationScale * float64(tr.Weight)
			tmp.addTerm(idx, tr.Text, w)
			// The dictionary gives the adjective, the article may
			// write the adverb: "временно" → temporary → temporarily.
			for _, r := range idx.relatedTerms(lex, tr.Text) {
				switch r.Kind {
				case lexicon.Spelling, lexicon.Inflection, lexicon.Pertainym:
					tmp.addTerm(idx, r.Term, w*formHop)
				case lexicon.Derivation:
					tmp.addTerm(idx, r.Term, w*float64(r.Weight))
				}
			}
		}
	} else {
		derived := 0
		for _, r := range idx.relatedTerms(lex, word) {
			tmp.addTerm(idx, r.Term, float64(r.Weight))
			// A synonym's derivations: "investigate" → inquire →
			// "inquiry", as the word's own derivations are related.
			// Only the first few one-word synonyms heavy enough for a
			// derivation of theirs to count are looked up: each is a
			// lookup of its own.
			if r.Kind != lexicon.Synonym || derived == maxDerivedSynonyms || strings.Contains(r.Term, " ") ||
				float64(r.Weight)*maxDerivationWeight < minRelatedWeight {
				continue
			}
			derived++
			for _, d := range idx.relatedTerms(lex, r.Term) {
				if d.Kind == lexicon.Derivation {
					tmp.addTerm(idx, d.Term, float64(r.Weight*d.Weight))
				}
			}
		}
		for _, tr := range firstTerms(lex.FirstTranslations(word, lexicon.English, firstTermsRead), maxTranslations) {
			tmp.addTerm(idx, tr.Text, translationScale*float64(tr.Weight))
		}
	}
	if idx.wordLexiconCount.Add(1) <= maxCachedExpansions {
		idx.wordLexicon.Store(word, tmp.related)
	}
	return tmp.related
}

// relatedTerms returns lex.Related(term), remembered per index up to
// maxCachedTermKeys terms: the translations and synonyms of one word are
// often those of another ("договор", "соглашение" → treaty, agreement).
func (idx *index) relatedTerms(lex *lexicon.Lexicon, term string) []lexicon.Relation {
	if rel, ok := idx.termRelated.load(term); ok {
		return rel
	}
	rel := lex.Related(term)
	idx.termRelated.store(term, rel, maxCachedTermKeys)
	return rel
}

// maxDerivedSynonyms is how many of a word's synonyms have their
// derivations related to it; maxDerivationWeight is the most a derivation
// weighs (lexicon: 0.7 for a first sense).
const (
	maxDerivedSynonyms  = 4
	maxDerivationWeight = 0.7
)

// addTerm adds a lexicon term: a word as its stem, a phrase as the stem of
// its last word (the head of "air strike" is "strike") at a lower weight,
// unless the phrase written as one word is an indexed word.
func (u *queryUnit) addTerm(idx *index, term string, w float64) {
	u.addKeys(idx, idx.termKeysOf(term), w)
}

// termKey is an indexed term a lexicon term stands for, and the factor its
// weight is multiplied by: a term's index terms are found once and added
// at each weight it comes with.
type termKey struct {
	key    string
	factor float64
}

// keyRecorder collects the indexed terms a lexicon term stands for, in the
// order addTerm adds them.
type keyRecorder struct {
	idx  *index
	keys []termKey
}

// add records key at factor if some passage has it.
func (r *keyRecorder) add(key string, factor float64) {
	if r.idx.lexical.df[key] > 0 {
		r.keys = append(r.keys, termKey{key, factor})
	}
}

// addKeys adds keys to u, each at weight w times its factor.
func (u *queryUnit) addKeys(idx *index, keys []termKey, w float64) {
	for _, k := range keys {
		u.addRelated(idx, relatedKey{key: k.key, weight: w * k.factor}) // w * 1 is w
	}
}

// termKeysOf returns the indexed terms lexicon term term stands for, as
// addTerm adds them, remembered per index up to maxCachedTermKeys terms:
// a translation or a synonym comes back in the relations of many words.
func (idx *index) termKeysOf(term string) []termKey {
	if keys, ok := idx.termKeys.load(term); ok {
		return keys
	}
	rec := keyRecorder{idx: idx}
	rec.addTerm(term)
	idx.termKeys.store(term, rec.keys, maxCachedTermKeys)
	return rec.keys
}

// termCache maps lexicon terms to what an index found for them, at most a
// given number of terms; it is safe for concurrent use. A plain map behind
// a lock, where a sync.Map allocated a node and boxed the key and the
// value for each of the thousands of terms a batch of questions meets.
type termCache[V any] struct {
	mu sync.RWMutex
	m  map[string]V
}

// load returns what is remembered for term.
func (c *termCache[V]) load(term string) (V, bool) {
	c.mu.RLock()
	v, ok := c.m[term]
	c.mu.RUnlock()
	return v, ok
}

// store remembers v for term unless limit terms are remembered already.
func (c *termCache[V]) store(term string, v V, limit int) {
	c.mu.Lock()
	if c.m == nil {
		c.m = map[string]V{}
	}
	if len(c.m) < limit {
		c.m[term] = v
	}
	c.mu.Unlock()
}

// maxCachedTermKeys bounds the lexicon terms whose index terms an index
// remembers.
const maxCachedTermKeys = 50000

// addTerm records the index terms of a lexicon term (see queryUnit.addTerm).
func (r *keyRecorder) addTerm(term string) {
	idx := r.idx
	// Most terms are one word, looked up as written (lexicon.Key).
	text := lexicon.Key(term)
	switch {
	case text == "":
		return
	case !strings.Contains(text, " "):
		word := text
		key := idx.stemKey(word)
		if idx.lexical.df[key] == 0 {
			// "порядок" is indexed as "порядком", "порядка": the
			// fleeting vowel is gone from every form but the first.
			if d := lexicon.DropFleetingVowel(word); d != "" && isCyrillicWord(word) {
				key = idx.stemKey(d)
			}
		}
		r.add(key, 1)
		if !isCyrillicWord(word) {
			return
		}
		indexed := idx.lexical.df[key] > 0
		if past, ok := russianPast(word); ok {
			indexed = r.addIndexed(past, 1) || indexed
		}
		// The dictionary gives a verb's imperfective, news the deed
		// done: "refuse" → отказываться → «отказался», "sign" →
		// подписывать → «подписал».
		for _, pf := range lexicon.Perfectives(word) {
			indexed = r.addVerbForms(pf, aspectPairWeight) || indexed
		}
		if !indexed && lexicon.IsInfinitive(word) {
			// A verb the articles write only with a prefix: "burn" →
			// гореть → «сгорели».
			indexed := idx.verbPrefixesIndexed()
			for i, p := range lexicon.VerbPrefixes {
				r.addPrefixedVerbForms(p, indexed[i], word, prefixFamilyWeight)
			}
		}
	default:
		words := strings.Split(text, " ")
		joined := strings.Join(words, "")
		if key := idx.stemKey(joined); idx.lexical.df[key] > 0 {
			r.add(key, 1)
			return
		}
		r.add(idx.stemKey(words[len(words)-1]), 0.6)
	}
}

// stemKey returns the index term of a lexicon word, "w:" and its stem, or
// "" (which no passage has) for a word whose stem no passage has: the
// term is made only for a stem the index has. Snowball's Russian stemmer
// only strips endings, so the stem of a Russian word is one of its
// prefixes: a word none of whose prefixes is an indexed stem needs no
// stemming.
func (idx *index) stemKey(word string) string {
	if isCyrillicWord(word) && !idx.indexesPrefixOf(word) {
		return ""
	}
	stem := idx.stemOf(word)
	var buf [64]byte
	if idx.lexical.df[string(append(append(buf[:0], "w:"...), stem...))] == 0 {
		return ""
	}
	return "w:" + stem
}

// indexesPrefixOf reports whether some prefix of word, "ё" read as "е", is
// an indexed stem.
func (idx *index) indexesPrefixOf(word string) bool {
	var buf [64]byte
	return indexesPrefix(idx.lexical.df, append(buf[:0], word...))
}

// indexesPrefix reports whether df has "w:" and some prefix of word, "ё"
// read as "е".
func indexesPrefix(df map[string]int, word []byte) bool {
	return indexesPrefixPast(df, word, 0)
}

// indexesPrefixPast is indexesPrefix for the prefixes of word longer than
// its first from bytes, whose own prefixes were looked up already.
func indexesPrefixPast(df map[string]int, word []byte, from int) bool {
	var buf [66]byte
	key := append(buf[:0], "w:"...)
	for i := 0; i < len(word); {
		r, size := utf8.DecodeRune(word[i:])
		if r == 'ё' {
			key = append(key, "е"...)
		} else {
			key = append(key, word[i:i+size]...)
		}
		i += size
		if i > from && df[string(key)] > 0 {
			return true
		}
	}
	return false
}

// aspectPairWeight is how much the perfective of a translation's
// imperfective matches for it.
const aspectPairWeight = 0.9

// addVerbForms relates u, at weight w, to the indexed forms of a Russian
// word that may be a verb's infinitive: the word itself and its past
// ("горели" is not stemmed as "гореть" is: the dictionary gives
// infinitives, news tells the past). It reports whether the articles have
// either.
func (u *queryUnit) addVerbForms(idx *index, word string, w float64) bool {
	rec := keyRecorder{idx: idx}
	found := rec.addVerbForms(word, 1)
	u.addKeys(idx, rec.keys, w)
	return found
}

// addVerbForms records addVerbForms' terms at factor f.
func (r *keyRecorder) addVerbForms(word string, f float64) bool {
	return r.addPrefixedVerbForms("", false, word, f)
}

// verbPrefixesIndexed says for each of lexicon.VerbPrefixes whether a
// prefix of it (itself included) is an indexed stem, and so a prefix of
// every word it makes: a word's prefixes are looked up for each verb
// prefix put before it, and those the prefix makes alone are looked up
// once.
func (idx *index) verbPrefixesIndexed() []bool {
	idx.verbPrefixOnce.Do(func() {
		idx.verbPrefixIndexed = make([]bool, len(lexicon.VerbPrefixes))
		for i, p := range lexicon.VerbPrefixes {
			idx.verbPrefixIndexed[i] = indexesPrefix(idx.lexical.df, []byte(p))
		}
	})
	return idx.verbPrefixIndexed
}

// addPrefixedVerbForms records addVerbForms' terms of prefix+word;
// prefixIndexed says whether a prefix of prefix is an indexed stem (see
// verbPrefixesIndexed). The prefixed word and its past are made only when
// the articles may have them: of the prefixes tried on a verb, most give no
// indexed stem (see stemKey), and making every such word was a tenth of a
// new question's allocations.
func (r *keyRecorder) addPrefixedVerbForms(prefix string, prefixIndexed bool, word string, w float64) bool {
	idx := r.idx
	// Without prefixIndexed the prefix's own prefixes are known to be no
	// indexed stems.
	known := len(prefix)
	if prefixIndexed {
		known = 0
	}
	stem, reflexive, ok := russianPastStem(prefix, word)
	if !ok {
		return r.addIndexedParts(w, known, prefix, word)
	}
	// The word and its past share prefix+stem, whose prefixes are looked
	// up once for both.
	var buf [64]byte
	if prefixIndexed || indexesPrefixPast(idx.lexical.df, append(append(buf[:0], prefix...), stem...), known) {
		found := r.addIndexed(prefix+word, w)
		return r.addIndexed(prefix+stem+"л"+reflexive, w) || found
	}
	shared := len(prefix) + len(stem)
	found := r.addIndexedParts(w, shared, prefix, word)
	return r.addIndexedParts(w, shared, prefix, stem, "л", reflexive) || found
}

// addIndexedParts records addIndexed of the word its parts make, made only when
// stemKey may find it: a Cyrillic word none of whose prefixes is an
// indexed stem is not looked for. Its prefixes of up to from bytes are
// known to be none.
func (r *keyRecorder) addIndexedParts(w float64, from int, parts ...string) bool {
	idx := r.idx
	var buf [64]byte
	b := buf[:0]
	for _, p := range parts {
		b = append(b, p...)
	}
	if c, _ := utf8.DecodeRune(b); c >= 0x400 && c <= 0x4FF && !indexesPrefixPast(idx.lexical.df, b, from) {
		return false
	}
	return r.addIndexed(string(b), w)
}

// addIndexed records a word's stem at factor w when the articles have it,
// and reports whether they do.
func (r *keyRecorder) addIndexed(word string, w float64) bool {
	key := r.idx.stemKey(word)
	if key == "" || r.idx.lexical.df[key] == 0 {
		return false
	}
	r.add(key, w)
	return true
}

// russianPast returns the masculine past of a Russian infinitive in -ть or
// -ться ("гореть" → "горел"), whose stem the other past forms share.
func russianPast(w string) (string, bool) {
	stem, reflexive, ok := russianPastStem("", w)
	if !ok {
		return "", false
	}
	return stem + "л" + reflexive, true
}

// russianPastStem returns the past of prefix+w, a Russian infinitive in
// -ть or -ться, as russianPast does, in parts: prefix, stem, "л" and
// reflexive make it ("за"+"гореть" → "за"+"горе"+"л"+"").
func russianPastStem(prefix, w string) (stem, reflexive string, ok bool) {
	if head, ok := strings.CutSuffix(w, "ся"); ok {
		w, reflexive = head, "ся" // отказаться → отказался
	}
	stem, ok = strings.CutSuffix(w, "ть")
	first := prefix
	if first == "" {
		first = w
	}
	if !ok || !isCyrillicWord(first) || utf8.RuneCountInString(prefix)+utf8.RuneCountInString(stem) < 3 {
		return "", "", false
	}
	return stem, reflexive, true
}

// firstTerms returns the first n terms, the dictionary's main senses, and
// the few after them it weighs as much as the n-th ("исключили": exclude,
// except, foreclose, eliminate and expel). A word's later senses match too
// much else ("постоянно" is also "stand").
func firstTerms(terms []lexicon.Term, n int) []lexicon.Term {
	if len(terms) <= n {
		return terms
	}
	// Senses weighed alike by the dictionary are kept together: the
	// n-th and those as heavy as it, to a bound.
	end := n
	for end < len(terms) && end < n+maxTiedTranslations && terms[end].Weight >= terms[n-1].Weight-tiedTranslationSlack {
		end++
	}
	return terms[:end]
}

// maxTiedTranslations bounds how many translations beyond maxTranslations
// firstTerms keeps for weighing (nearly) as much as the last one kept;
// tiedTranslationSlack is how much lighter they may be.
const (
	maxTiedTranslations  = 4
	tiedTranslationSlack = 0.05
)

// firstTermsRead is how many terms firstTerms(terms, maxTranslations) reads
// at most: a word's translations are looked up that far
// (lexicon.FirstTranslations).
const firstTermsRead = maxTranslations + maxTiedTranslations

// keepHeaviest keeps the n heaviest related terms.
func (u *queryUnit) keepHeaviest(n int) {
	if len(u.related) <= n {
		return
	}
	for i := 1; i < len(u.related); i++ {
		for j := i; j > 0 && u.related[j].weight > u.related[j-1].weight; j-- {
			u.related[j], u.related[j-1] = u.related[j-1], u.related[j]
		}
	}
	u.related = u.related[:n]
}

// isCyrillicWord reports whether word starts with a Cyrillic letter.
func isCyrillicWord(word string) bool {
	r, _ := utf8.DecodeRuneInString(word)
	return r >= 0x400 && r <= 0x4FF
}

// stemOf returns the stem of word, from the index vocabulary when it holds
// the word: a lexicon's terms are often the articles' words, and
// stemming them again was a tenth of a new question's cost. Where the
// vocabulary's idea of a Cyrillic word (its script) and stemOf's (the
// basic Cyrillic block) could differ, the word is stemmed.
func (idx *index) stemOf(word string) string {
	if idx.vocab != nil {
		if r, _ := utf8.DecodeRuneInString(word); r < 0x80 || r >= 0x400 && r <= 0x4FF && unicode.Is(unicode.Cyrillic, r) {
			if stem, ok := idx.vocab.stems[word]; ok {
				return stem
			}
		}
	}
	// A lexicon term that comes back in another word's relations has its
	// index terms remembered whole (termKeysOf): remembering its stem as
	// well cost more than it saved.
	return stemOf(word)
}

func stemOf(word string) string {
	r, _ := utf8.DecodeRuneInString(word)
	return stemWord(word, r >= 0x400 && r <= 0x4FF)
}

// nameIndex finds the indexed spellings of a name by its phonetic key
// (lexicon.NameKey): keys are bucketed by their first nameKeyMin bytes.
type nameIndex map[string][]nameEntry

type nameEntry struct {
	key  string // NameKey of the word
	stem string // the word's stem, as the index keys it
}

// minWordNameRunes is the shortest word wordNameIndex keeps: shorter words
// meet too many names by sound.
const minWordNameRunes = 5

// wordNameIndex returns the phonetic keys of every indexed word of
// minWordNameRunes or more, not only the capitalised ones: built the first
// time a question names something the capitalised words do not spell.
func (idx *index) wordNameIndex() nameIndex {
	idx.wordNamesOnce.Do(func() {
		names := nameIndex{}
		for w, stem := range idx.vocab.stems {
			if utf8.RuneCountInString(w) < minWordNameRunes {
				continue
			}
			key := lexicon.NameKey(w)
			if len(key) < nameKeyMin {
				continue
			}
			b := key[:nameKeyMin]
			names[b] = append(names[b], nameEntry{key: key, stem: stem})
		}
		for _, entries := range names {
			slices.SortFunc(entries, func(a, b nameEntry) int { return strings.Compare(a.stem+a.key, b.stem+b.key) })
		}
		idx.wordNames = names
	})
	return idx.wordNames
}

// addNames adds the capitalised words of the passages that seen lacks to
// names, and to seen.
func addNames(names nameIndex, seen map[string]bool, docs []analyzed) {
	for _, a := range docs {
		for _, t := range a.tokens {
			if !t.capital || t.stop || seen[t.lower] {
				continue
			}
			seen[t.lower] = true
			key := lexicon.NameKey(t.lower)
			if len(key) < nameKeyMin {
				continue
			}
			b := key[:nameKeyMin]
			names[b] = append(names[b], nameEntry{key: key, stem: t.stem})
		}
	}
}

// has reports whether the articles write word, whose stem is stem, with a
// capital: as a name.
func (n nameIndex) has(word, stem string) bool {
	key := lexicon.NameKey(word)
	if len(key) < nameKeyMin {
		return false
	}
	for _, e := range n[key[:nameKeyMin]] {
		if e.stem == stem {
			return true
		}
	}
	return false
}

// spellings returns the stems of the indexed names that t may be another
// spelling of: the same key, or one key the other plus a case ending.
func (n nameIndex) spellings(t token) []string {
	key := lexicon.NameKey(t.lower)
	if len(key) < nameKeyMin {
		return nil
	}
	var out []string
	for _, e := range n[key[:nameKeyMin]] {
		if e.stem == t.stem {
			continue
		}
		if prefixWithin(key, e.key, nameKeySlack) || prefixWithin(e.key, key, nameKeySlack) {
			out = append(out, e.stem)
		}
	}
	return out
}

// prefixWithin reports whether short is a prefix of long with at most slack
// bytes more in long.
func prefixWithin(short, long string, slack int) bool {
	return strings.HasPrefix(long, short) && len(long)-len(short) <= slack
}
