package retrieval

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/alliancebot/alliancebot/lexicon"
)

// queryUnit is one thing a question asks about: a content word or a glossary
// phrase, with the index terms that count as mentioning it.
type queryUnit struct {
	alts []string // "w:" and "c:" keys; any one matches
	// related are terms the lexicon relates to the unit's word, which
	// match it at their weight (expand.go).
	related []relatedKey
	weight  float64 // how much the unit matters: its IDF, scaled by kind
	// missing: no passage has any alternative. name: missing and written
	// with a capital inside the sentence, i.e. a named thing the articles do
	// not mention at all.
	missing bool
	name    bool
	// entity: the unit names a specific country, person or organisation
	// that most passages do not mention; an answer's passage (in its
	// context) must mention it.
	entity bool
	// answerType is "t:<type>" when the unit names the kind of answer
	// ("which country"): a sentence naming such an entity answers it.
	answerType string
	// common: most passages mention it (the CSTO itself); a sentence
	// lacking it still speaks of it through its context.
	common bool
	// topical: common among the articles in play but rare in the whole
	// index (the CSTO among thousands of other news): what the question
	// is about, which an answer's article must mention.
	topical     bool
	first, last int    // indexes of the unit's first and last tokens in the question
	surface     string // the question's words for it
	// asked: the unit is the thing a "what was the N of …" question asks
	// for (markAsked); the answer's sentence must say it.
	asked bool
	// plural: the unit names the kind of answer in the plural ("which
	// countries", «какие государства»): a list answers it.
	plural bool
	// counted: the unit is what a "how many" question counts ("how many
	// troops" → troops); the count must stand before it.
	counted bool
	// proper: the unit names a person, country or organisation, so a
	// pronoun of the next sentence ("He …") may stand for it.
	proper bool
	// year: the unit is a year an article was published in, and month the
	// month (1–12) it names: the passages of articles published then
	// match it (recency.go).
	year  bool
	month int
}

// gatedTypes are the entity types an answer's passage must name when the
// question does. Places are left out: "Moscow" often stands for Russia, and
// "the Moscow summit" for the summit.
var gatedTypes = map[string]bool{"country": true, "person": true, "org": true}

// framingWords say what kind of answer a question wants ("what does X
// stand for", "on what date", "какого числа") without being part of what it
// asks about.
var framingWords = map[questionKind]map[string]bool{
	askDefinition: setOf(`stand stands for abbreviation acronym full name mean means meaning
расшифровывается расшифровка расшифровать аббревиатура означает значит полное название`),
	askWhen:    setOf(`date day year time month week exact precise числа число дата дату день году год время времени пор месяц месяце недели точная точную точной`),
	askHowMany: setOf(`percentage percent share процент процентов доля`),
	askMeasure: setOf(`long far much долго срок время протяженность протяжённость протяженности протяжённости`),
	askRole: setOf(`job jobs occupation post title role position office work works does do hold holds
должность должности пост роль профессия работает кем такой такая занимает`),
	askWhatIs: setOf(`такое представляет собой`),
	askName:   setOf(`called name named codename code dubbed назывались назывался называлась называлось называется называются назвали название названием кодовое`),
	askWhy:    setOf(`reason reasons cause caused prompted led причина причины причиной причину зачем`),
	askSaid: setOf(`say said says think thinks opinion view views stance
сказал сказала сказали заявил заявила заявили говорил говорила считает думает мнение высказался`),
}

// settleKind refines the question kind once its units are known: "who is
// Zas?" asks for Zas's role, while "what is Pashinyan's position on
// Azerbaijan?" is no role question after all.
func (e *Engine) settleKind(idx *index, question string, kind questionKind, units []queryUnit) (questionKind, []queryUnit) {
	switch {
	case kind == askRole && !allPersons(units):
		return askOther, e.parseQuestion(idx, question, askOther)
	case kind == askWho && allPersons(units):
		return askRole, e.parseQuestion(idx, question, askRole)
	}
	return kind, units
}

// allPersons reports whether every unit names a person of the glossary.
func allPersons(units []queryUnit) bool {
	for _, u := range units {
		if !hasPrefixKey(u.alts, "c:person.") {
			return false
		}
	}
	return len(units) > 0
}

func hasPrefixKey(keys []string, prefix string) bool {
	for _, k := range keys {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

// answerTypeMarkers precede a noun that names the kind of answer wanted.
var answerTypeMarkers = setOf(`which what какой какая какие какое каких какую каким какими каком какого какому`)

// correctedWeight scales a word that was corrected as a typo: the
// correction may be wrong.
const correctedWeight = 0.8

// lightVerbs are the verbs that carry little meaning of their own and lend
// it to the words around them ("go on", "put one's name to", "make
// progress"), the copula "become", the modal verbs («должна была
// вернуть») and the Russian phase verbs that take an infinitive («не стал
// продлевать», «начали выводить»): rare in news, so their IDF is high, but a sentence lacking
// them lacks little. lightVerbWeight scales them.
var lightVerbs = setOf(`go goes went gone going get gets got gotten getting take takes took taken taking
make makes made making put puts putting do does did done doing come comes came coming
give gives gave given giving keep keeps kept keeping become becomes became becoming
должен должна должно должны может могут мог могла могли могло
стать стал стала стало стали станет станут начать начал начала начало начали начнёт начнет начнут`)

const lightVerbWeight = 0.3

// answerTypeWeight scales a word that names the kind of answer.
const answerTypeWeight = 0.5

// softMissingWeight scales an unknown word that may not mean the topic is
// missing (see parseQuestion); other unknown words count in full.
const softMissingWeight = 0.35

// compoundPrepositions are the Russian prepositions made of a preposition
// and a noun («в ходе» is "during», «по итогам» "after"): the noun says
// nothing of the topic.
var compoundPrepositions = map[string]map[string]bool{
	"в":  setOf(`ходе течение рамках результате связи отношении целях качестве адрес пользу преддверии условиях случае`),
	"по": setOf(`итогам поводу мере причине линии`),
	"со": setOf(`стороны`),
	"на": setOf(`фоне протяжении основании`),
	"за": setOf(`счёт счет`),
}

// markFunctionPhrases marks as stopwords the words of a question that say
// how, not what: the nouns of compound prepositions and the particle «ещё»
// ("still", "else", "more").
func markFunctionPhrases(toks []token) {
	for i := range toks {
		if toks[i].lower == "ещё" || toks[i].lower == "еще" {
			toks[i].stop = true
		}
	}
	for i := 1; i < len(toks); i++ {
		if compoundPrepositions[toks[i-1].lower][toks[i].lower] && toks[i-1].end+1 == toks[i].start {
			toks[i].stop = true
		}
		// "What kind of fighting", «какого рода»: the noun of kind asks
		// for a description of what follows.
		if kindNouns[toks[i].lower] && (toks[i-1].lower == "what" || toks[i-1].lower == "which") && i+1 < len(toks) && toks[i+1].lower == "of" ||
			toks[i].lower == "рода" && toks[i-1].lower == "какого" {
			toks[i].stop = true
		}
	}
}

// kindNouns ask for a kind in "what kind of", "which type of".
var kindNouns = setOf(`kind kinds sort sorts type types form forms`)

// isRussianWord reports whether the dictionary has the Russian word; without
// a lexicon every word counts as known.
func (e *Engine) isRussianWord(word string) bool {
	lex := e.lexicon()
	return lex == nil || lex.IsRussianWord(word)
}

// Stem families: Snowball gives a verb and the noun made from it different
// stems ("заседает" → "заседа", "заседание" → "заседан"; "назначается",
// "назначение"), so a question's verb may miss the article's noun. A word
// no article has meets the indexed words that begin with its stem, a few
// letters longer, at stemFamilyWeight.
const (
	stemFamilyWeight = 0.7
	stemFamilyMin    = 5 // runes: a shorter stem begins too many words
	stemFamilyExtra  = 5 // runes a family member may add to the stem
	stemFamilyMax    = 6
)

// addStemFamily relates unit u to the indexed words that extend its word's
// stem (see stemFamilyWeight).
func (u *queryUnit) addStemFamily(idx *index, t token) {
	if utf8.RuneCountInString(t.stem) >= stemFamilyMin && !isNumber(t.lower) {
		for _, st := range idx.vocab.withPrefix(t.stem, stemFamilyExtra, stemFamilyMax) {
			u.addRelated(idx, relatedKey{key: "w:" + st, weight: stemFamilyWeight})
		}
	}
	if t.cyrillic && idx.lexical.df["w:"+t.stem] == 0 {
		// «вывести» meets «выводить» and «вывод»: a perfective the
		// articles lack meets its regular imperfective, whose stem is
		// often also the deed's noun.
		for _, imp := range lexicon.Imperfectives(t.lower) {
			u.addVerbForms(idx, imp, aspectPairWeight)
		}
	}
	if t.cyrillic && len(u.related) == 0 {
		// «вёл» meets «провёл»: a Russian verb's prefixed forms, often
		// its other aspect, when the word has no family of its own.
		for _, p := range lexicon.VerbPrefixes {
			// The stem is a prefix of the word (see stemKey); the
			// word is made only for a prefix that may give one.
			var buf [64]byte
			if !indexesPrefix(idx.lexical.df, append(append(buf[:0], p...), t.lower...)) {
				continue
			}
			w := p + t.lower
			if st := stemWord(w, true); idx.lexical.df["w:"+st] > 0 {
				u.addRelated(idx, relatedKey{key: "w:" + st, weight: prefixFamilyWeight})
			}
		}
	}
}

// prefixFamilyWeight is how much a prefixed form of a missing Russian word
// matches it.
const prefixFamilyWeight = 0.5

// impliedConceptWeight is how much a broader concept matches the concept a
// question names.
const impliedConceptWeight = 0.6

// parseQuestion turns a question into query units, correcting typos against
// the index vocabulary first, weighted by the whole index.
func (e *Engine) parseQuestion(idx *index, question string, kind questionKind) []queryUnit {
	return e.parseQuestionIn(idx, idx.lexical.stats(), question, kind)
}

// parseQuestionIn is parseQuestion with the units weighted, and found
// missing, common or specific, by the passages stats counts.
func (e *Engine) parseQuestionIn(idx *index, stats termStats, question string, kind questionKind) []queryUnit {
	p := e.readQuestion(idx, question, kind)
	return p.weigh(e, idx, stats)
}

// parsedQuestion is a question read into units before they are weighed: a
// question is weighed twice (by the whole index, then by the articles in
// play) but read once.
type parsedQuestion struct {
	toks  []token
	units []queryUnit
}

// weigh returns a copy of the question's units weighed by stats (see
// parseQuestionIn).
func (p parsedQuestion) weigh(e *Engine, idx *index, stats termStats) []queryUnit {
	// The copies' terms share two arrays, each unit's slice capped at its
	// own terms, so a unit that grows copies its terms out as a clone
	// would.
	nAlts, nRelated := 0, 0
	for _, u := range p.units {
		nAlts += len(u.alts)
		nRelated += len(u.related)
	}
	alts, related := make([]string, 0, nAlts), make([]relatedKey, 0, nRelated)
	units := make([]queryUnit, len(p.units))
	for i, u := range p.units {
		if u.alts != nil {
			alts = append(alts, u.alts...)
			u.alts = alts[len(alts)-len(u.alts) : len(alts) : len(alts)]
		}
		if u.related != nil {
			related = append(related, u.related...)
			u.related = related[len(related)-len(u.related) : len(related) : len(related)]
		}
		units[i] = u
	}
	return e.weighUnits(idx, stats, p.toks, units)
}

// readQuestion reads a question into its units: its words with typos
// corrected, glossary phrases as one unit, and the lexicon's relations.
func (e *Engine) readQuestion(idx *index, question string, kind questionKind) parsedQuestion {
	toks := idx.tokenize(question)
	markQuoted(question, toks)
	markFunctionPhrases(toks)
	markPresentPhrases(toks)
	for i := range toks {
		if framingWords[kind][toks[i].lower] || presentWords[toks[i].lower] || newWords[toks[i].lower] && (i == 0 || !toks[i].capital) {
			toks[i].stop = true // "stand for" asks; it is not what is asked about
		}
		e.correctToken(idx, &toks[i])
	}
	a := analyzeTokens(toks, e.glossary)
	covered := make([]bool, len(toks))
	var units []queryUnit

	// Glossary phrases first: "secretary general" is one thing, not two.
	for _, m := range e.glossary.match(toks) {
		if m.last == m.first || allStop(toks[m.first:m.last+1]) {
			continue
		}
		u := queryUnit{alts: []string{"c:" + m.concept}, first: m.first, last: m.last,
			surface: question[toks[m.first].start:toks[m.last].end], proper: entityTypes[conceptType(m.concept)]}
		// The broader concepts the named one implies ("the Collective
		// Security Treaty" is a treaty) match it only in part: any
		// agreement is not the treaty asked about.
		for _, k := range e.glossary.conceptKeys(m.concept)[1:] {
			u.addRelated(idx, relatedKey{key: k, weight: impliedConceptWeight})
		}
		units = append(units, u)
		for i := m.first; i <= m.last; i++ {
			covered[i] = true
		}
	}
	for i, t := range toks {
		if t.stop || covered[i] {
			continue
		}
		// A question's "Kazakhstan" asks for Kazakhstan, not for any
		// country: only kind words ("which country") match by type.
		var alts []string
		for _, k := range a.keys[i] {
			if !strings.HasPrefix(k, "t:") {
				alts = append(alts, k)
			}
		}
		units = append(units, queryUnit{alts: alts, first: i, last: i, surface: question[t.start:t.end], proper: t.capital && i > 0})
	}
	if kind == askHowMany {
		markCounted(toks, units)
	}
	markAsked(toks, units)
	e.expandUnits(idx, toks, units)
	return parsedQuestion{toks: toks, units: units}
}

// weighUnits weighs units in place by stats: each unit's IDF (a concept's
// when the glossary knows it), whether it names the kind of answer, is
// missing from every passage, common to most or a specific entity.
func (e *Engine) weighUnits(idx *index, stats termStats, toks []token, units []queryUnit) []queryUnit {
	maxIDF := stats.idf("\x00absent")
	for i := range units {
		u := &units[i]
		kindWord := false
		for _, k := range u.alts {
			if t, ok := strings.CutPrefix(k, "c:kind."); ok {
				u.alts = append(u.alts, "t:"+t)
				u.answerType = "t:" + t
				u.plural = pluralKindWord(toks, u)
				kindWord = true
			}
		}
		if !kindWord && u.first == u.last && u.first > 0 && (answerTypeMarkers[toks[u.first-1].lower] || toks[u.first-1].lower == "из") &&
			officeStemSet[toks[u.first].stem] && pluralKindWord(toks, u) {
			// "Which presidents came?" asks for persons: a list of
			// them answers.
			u.answerType, u.plural = "t:person", true
		}
		// A unit weighs what its meaning weighs: the concept's IDF when the
		// glossary knows it (a rare spelling such as "ОДКБ" must not make
		// the CSTO rare), else the word's.
		conceptWeight := 0.0
		for _, k := range u.alts {
			df := stats.df(k)
			if df > 0 {
				u.weight = max(u.weight, stats.idf(k))
				if strings.HasPrefix(k, "c:") {
					conceptWeight = max(conceptWeight, stats.idf(k))
				}
			}
			if t, ok := strings.CutPrefix(k, "c:"); ok && df > 0 && df*3 <= stats.n {
				u.entity = u.entity || gatedTypes[conceptType(t)]
			}
			if df*3 > stats.n {
				u.common = true
			}
		}
		if conceptWeight > 0 {
			u.weight = conceptWeight
		}
		if u.weight == 0 {
			// Only another word for it is in the articles: it weighs
			// what that word weighs. A name no article has is only
			// found under another spelling of itself, never under
			// another word ("France" is not "the republic").
			t := toks[u.first]
			if e.takenAsName(toks, u.first, u.surface) || isNumber(t.lower) {
				u.keepNames()
			} else if len(u.related) == 0 && u.first == u.last {
				u.addStemFamily(idx, t)
			}
			for _, r := range u.related {
				if stats.df(r.key) > 0 {
					u.weight = max(u.weight, stats.idf(r.key))
				}
			}
		}
		// "Which country", "какие страны": the word names the kind of
		// answer; the answer itself names a country instead.
		if kindWord || u.first > 0 && answerTypeMarkers[toks[u.first-1].lower] {
			u.weight *= answerTypeWeight
		}
		if toks[u.first].corrected {
			u.weight *= correctedWeight
		}
		if u.first == u.last && lightVerbs[toks[u.first].lower] {
			u.weight *= lightVerbWeight
		}
		if u.first == u.last {
			u.month = monthOf(toks[u.first].lower)
		}
		if isYear(u.surface) && idx.years[u.surface] {
			u.year = true
			if u.weight == 0 {
				u.weight = maxIDF
			}
		}
		if u.weight > 0 {
			continue
		}
		u.missing = true
		u.weight = maxIDF
		t := toks[u.first]
		// A capitalised word inside the question, or a year, names
		// something specific; no article mentions it.
		// A month is met by the articles' dates (dateMatches), not a
		// name they lack.
		u.name = (e.takenAsName(toks, u.first, u.surface) || isYear(t.lower)) && u.month == 0
		switch {
		case u.name:
		case isNumber(t.lower):
			// Another number is a count or a measure ("the 44-day
			// war"), which an article may write in words.
			u.weight = maxIDF * softMissingWeight
		case utf8.RuneCountInString(t.lower) <= 3:
			// A short unknown word in lower case is mostly a mistyped
			// small word ("wat", "teh"): it says nothing of the topic.
			u.weight = 0
		case t.cyrillic && (e.isRussianWord(t.lower) || russianVerbForm.MatchString(t.lower)):
			// An unknown Russian word is often one the glossary lacks:
			// a dictionary word the articles say otherwise. One the
			// dictionary lacks too («промокод») is a thing of its own
			// that no article mentions, and counts in full; a verb
			// («рассорился») is a word the articles say otherwise.
			u.weight = maxIDF * softMissingWeight
		}
	}
	gateNameRuns(toks, units)
	gateOneWordNames(toks, units, stats)
	return units
}

// gateOneWordNames makes a one-word name that the glossary does not know an
// entity: a word written in capitals or quoted ("PROXY", «Канал») names one
// operation, exercise or body, and an answer must speak of it, not of
// another of its kind. A common word, a missing one and a glossary
// concept are left alone.
func gateOneWordNames(toks []token, units []queryUnit, stats termStats) {
	for i := range units {
		u := &units[i]
		if u.first != u.last || u.entity || u.common || u.missing || u.weight == 0 {
			continue
		}
		t := toks[u.first]
		if !(t.quoted || isAllCaps(u.surface) && utf8.RuneCountInString(u.surface) >= 3) {
			continue
		}
		if slices.ContainsFunc(u.alts, func(k string) bool { return strings.HasPrefix(k, "c:") }) {
			continue
		}
		u.entity = true
	}
}

// pluralKindWord reports whether the kind word u asks for several things:
// an English plural ("countries", "states"; read by its final -s, so
// "status" counts too, which the kind words do not include) or one after
// the Russian plural «какие», «каких» or «кто из».
func pluralKindWord(toks []token, u *queryUnit) bool {
	t := toks[u.last]
	if t.cyrillic {
		if u.first > 1 && toks[u.first-1].lower == "из" && toks[u.first-2].lower == "кто" {
			return true // «кто из лидеров»
		}
		return u.first > 0 && (toks[u.first-1].lower == "какие" || toks[u.first-1].lower == "каких")
	}
	return strings.HasSuffix(t.lower, "s") && !strings.HasSuffix(t.lower, "ss")
}

// officeStemSet holds the stems of officeWords and of the leaders, who are
// several at a time: the persons a "which …" question may ask for.
var officeStemSet = func() map[string]bool {
	m := map[string]bool{stemWord("лидер", true): true}
	for w := range officeWords {
		m[stemWord(w, isCyrillicWord(w))] = true
	}
	return m
}()

// gateNameRuns makes the rarest word of a multi-word name an entity: in
// "Who commands the Collective Aviation Forces?" the answer must speak of
// aviation, not of another collective force. A name is a run of two or
// more capitalised words inside the question; a run that already holds an
// entity, or whose words are all common or missing, is left alone.
func gateNameRuns(toks []token, units []queryUnit) {
	byFirst := make(map[int]int, len(units))
	for i, u := range units {
		byFirst[u.first] = i
	}
	for i := 1; i < len(toks); {
		if !toks[i].capital || toks[i].stop {
			i++
			continue
		}
		var run []int
		j := i
		for j < len(toks) && toks[j].capital && !toks[j].stop {
			if ui, ok := byFirst[j]; ok {
				run = append(run, ui)
				j = units[ui].last + 1
			} else {
				j++
			}
		}
		i = j
		if len(run) < 2 {
			continue
		}
		best, gated := -1, false
		for _, ui := range run {
			u := &units[ui]
			gated = gated || u.entity
			if u.common || u.missing || u.weight == 0 {
				continue
			}
			if best < 0 || u.weight > units[best].weight {
				best = ui
			}
		}
		if best >= 0 && !gated {
			units[best].entity = true
		}
	}
}

// russianVerbForm matches the endings of a Russian verb's past tense and
// infinitive after a vowel («рассорился», «продлевать»), which nouns in
// -ость («кибербезопасность») do not have.
var russianVerbForm = regexp.MustCompile(`\p{Cyrillic}{2,}[аеёиоуыэюя](л|ла|ло|ли|лся|лась|лось|лись|ть|ться)$`)

// countWords ask for a count; the first content word after them is what
// is counted. "How much" and "how long" ask for a measure in some unit
// ("six months' notice"), so they name no counted thing.
var countWords = setOf(`many сколько`)

// markCounted marks the unit a "how many" question counts: the first one
// after the count word ("how many troops did Russia send" → troops), or the
// head noun of the phrase it opens ("how many active members" → members).
func markCounted(toks []token, units []queryUnit) {
	at := -1
	for i, t := range toks {
		if countWords[t.lower] {
			at = i
			break
		}
	}
	if at < 0 {
		return
	}
	best := -1
	for i, u := range units {
		if u.first > at && (best < 0 || u.first < units[best].first) {
			best = i
		}
	}
	if best < 0 {
		return
	}
	// "How many active members": the last noun of the phrase is counted,
	// as modifiesNext reads the answer's "six active members".
	for {
		next := -1
		for i, u := range units {
			if u.first == units[best].last+1 && modifiesNext(toks, units[best].last) {
				next = i
			}
		}
		if next < 0 {
			break
		}
		best = next
	}
	units[best].counted = true
}

// markAsked marks the unit a "what was the N of …" question asks for: N,
// the first unit after the opening words, or the head noun of the phrase
// it opens ("what was the main scenario of the drills" → scenario). A
// sentence that does not say N does not tell what it was: "The 2013
// exercise took place in Belarus" is no scenario of the drills.
func markAsked(toks []token, units []queryUnit) {
	if len(toks) < 4 || !askedOpeners[toks[0].lower] || !copulas[toks[1].lower] || toks[2].lower != "the" {
		return
	}
	best := -1
	for i, u := range units {
		if u.first > 2 && (best < 0 || u.first < units[best].first) {
			best = i
		}
	}
	if best < 0 || units[best].proper || units[best].year || units[best].month > 0 {
		return
	}
	for {
		next := -1
		for i, u := range units {
			if u.first == units[best].last+1 && !u.proper && !toks[u.first].stop && modifiesHead(toks, units[best].last) {
				next = i
			}
		}
		if next < 0 {
			break
		}
		best = next
	}
	// "What was the scenario of the drills": N is what is asked; in
	// "what are the drills supposed to improve" it is what is asked
	// about.
	if after := units[best].last + 1; after < len(toks) && !ofWords[toks[after].lower] {
		return
	}
	units[best].asked = true
}

// ofWords join the thing asked for to what it belongs to.
var ofWords = setOf(`of for behind`)

// askedOpeners and copulas open a question for the N of something: "What
// was the …", "Which is the …".
var (
	askedOpeners = setOf(`what which`)
	copulas      = setOf(`is was are were`)
)

// modifiesHead reports whether the word at j modifies the next one in
// the question ("main scenario"): an adjective or a noun used as one, with
// no word of function between them.
func modifiesHead(toks []token, j int) bool {
	if j+1 >= len(toks) || toks[j].cyrillic {
		return false
	}
	n := toks[j+1]
	return !n.stop && !n.capital && !n.cyrillic && toks[j].end == n.start-1 && isLetters(n.lower)
}

// correctToken replaces the stem of a word the index does not know with that
// of the closest indexed word, when one is within a typo's distance.
func (e *Engine) correctToken(idx *index, t *token) {
	if t.stop || idx.lexical.df["w:"+t.stem] > 0 || e.glossary.has(t.stem) {
		return
	}
	n := utf8.RuneCountInString(t.lower)
	if n < 5 {
		return
	}
	if t.capital && !e.noTransliteration && len(idx.names.spellings(*t)) > 0 {
		// "Brest" is the articles' «Брест», not a mistyped "best".
		return
	}
	limit := 1
	if n >= 8 {
		limit = 2
	}
	best := idx.vocab.nearest(t.lower, n, limit)
	if best != "" {
		t.stem = idx.vocab.stems[best]
		t.lower = best
		t.corrected = true
	}
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func isAllCaps(s string) bool {
	return utf8.RuneCountInString(s) > 1 && strings.ToUpper(s) == s && strings.ToLower(s) != s
}

// damerauLevenshtein is the optimal string alignment distance between a and
// b, giving up (returning limit+1) once it must exceed limit.
func damerauLevenshtein(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	// Words are short: their rows fit on the stack.
	var rows [3][32]int
	n := len(rb) + 1
	var prev2, prev, cur []int
	if n <= len(rows[0]) {
		prev2, prev, cur = rows[0][:n], rows[1][:n], rows[2][:n]
	} else {
		prev2, prev, cur = make([]int, n), make([]int, n), make([]int, n)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

func allStop(toks []token) bool {
	for _, t := range toks {
		if !t.stop {
			return false
		}
	}
	return true
}

func isNumber(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
