package retrieval

import (
	"math"
	"regexp"
	"strings"
	"sync/atomic"
	"unicode"

	"github.com/alliancebot/alliancebot/corpus"
	"github.com/alliancebot/alliancebot/lexicon"
)

// Patterns of the kinds of answer: a time, an abbreviation spelled out, a
// definition. datePattern, reasonPattern and futurePattern are matched
// against lower-cased text: a case-insensitive pattern costs several times
// more, on every sentence of every candidate passage.
var (
	datePattern  = mustGate(`\b(1[89]\d\d|20\d\d)\b|\b(january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|spring|summer|autumn|fall|winter|yesterday|today|tomorrow)\b|\b(this|last|next|that) (week|month|year)|\b(earlier|later) this\b|(январ|феврал|март|апрел|мая|май|июн|июл|август|сентябр|октябр|ноябр|декабр|весн|летом|осен|зим|понедельник|вторник|сред[уа]|четверг|пятниц|суббот|воскресень)`)
	acronymDef   = regexp.MustCompile(`\(([A-ZА-ЯЁ]{2,})\)`)
	definingVerb = regexp.MustCompile(`\b(is|are) (a|an)\b|является|представляет собой`)
)

// sentenceMarks say which of the kinds of answer that regular expressions
// find a sentence holds. Matching them is the costliest part of reading a
// sentence, and it does not depend on the question, so each sentence is
// matched once per index (index.marksOf). marksWanted must name every mark
// kindBonus and selectSentences read.
type sentenceMarks uint8

const (
	markDate   sentenceMarks = 1 << iota // datePattern
	markReason                           // reasonPattern
	markFuture                           // futurePattern
	markName                             // quotedName, numberedName or namingPhrase
	markDay                              // dayPattern
)

// dayPattern finds a date down to the day: a day and a month, a numeric
// date, a weekday ("on Thursday", «17 сентября», 19.01.2022).
var dayPattern = mustGate(`(?i)\b\d{1,2}(st|nd|rd|th)?\s+(of\s+)?(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t|tember)?|oct(ober)?|nov(ember)?|dec(ember)?)\b|` +
	`\b(january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2}\b|` +
	`\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|tomorrow)\b|` +
	`\d{1,2}\s+(января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)(\P{L}|$)|` +
	`(^|\P{L})(во?\s+(понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)|вчера|завтра)(\P{L}|$)`)

// asksForDay reports a question that wants a date down to the day ("on
// what date", «какого числа»), which a year does not answer.
func asksForDay(question string) bool {
	q := " " + strings.Join(lexicon.Words(question), " ") + " "
	for _, p := range []string{"what date", "which date", "what day", "which day", "какого числа", "какое число", "в какой день", "какой день", "какую дату", "какая дата"} {
		if strings.Contains(q, " "+p+" ") {
			return true
		}
	}
	return false
}

// marksOf returns which of the marks want sentence si of passage doc
// holds. Each kind of mark is matched once per sentence and index, the
// first time a question wants it: a question wants one or two of the
// kinds, and of a passage's sentences only those that match it.
func (idx *index) marksOf(doc, si int, want sentenceMarks) sentenceMarks {
	if want == 0 {
		return 0
	}
	v, ok := idx.marks.Load(doc)
	if !ok {
		v, _ = idx.marks.LoadOrStore(doc, make([]atomic.Uint32, len(idx.passages[doc].Sentences)))
	}
	// A sentence's slot holds the marks found in its low byte and the
	// kinds matched in the next.
	slot := &v.([]atomic.Uint32)[si]
	got := slot.Load()
	if missing := want &^ sentenceMarks(got>>8); missing != 0 {
		p := idx.passages[doc]
		found := uint32(matchMarks(p.Text[p.Sentences[si].Start:p.Sentences[si].End], missing)) | uint32(missing)<<8
		for !slot.CompareAndSwap(got, got|found) {
			got = slot.Load()
		}
		got |= found
	}
	return sentenceMarks(got) & want
}

// matchMarks returns which of the marks kinds the sentence text holds.
func matchMarks(text string, kinds sentenceMarks) sentenceMarks {
	var marks sentenceMarks
	lower := ""
	if kinds&(markDate|markReason|markFuture) != 0 {
		lower = strings.ToLower(text)
	}
	if kinds&markDate != 0 && datePattern.MatchString(lower) {
		marks |= markDate
	}
	if kinds&markReason != 0 && reasonPattern.MatchString(lower) {
		marks |= markReason
	}
	if kinds&markFuture != 0 && futurePattern.MatchString(lower) {
		marks |= markFuture
	}
	if kinds&markName != 0 && (quotedName.MatchString(text) || numberedName.MatchString(text) || namingPhrase.MatchString(text)) {
		marks |= markName
	}
	if kinds&markDay != 0 && dayPattern.MatchString(text) {
		marks |= markDay
	}
	return marks
}

// marksWanted returns the marks a question reads: those of its kind
// (kindBonus), markDay when it asks for a day and markFuture when it asks
// about the future.
func marksWanted(kind questionKind, wantsDay, future bool) sentenceMarks {
	var want sentenceMarks
	switch kind {
	case askName:
		want = markName
	case askWhen:
		want = markDate
	case askWhy:
		want = markReason
	}
	if wantsDay {
		want |= markDay
	}
	if future {
		want |= markFuture
	}
	return want
}

// kindBonus rewards a sentence for holding what the question asks for: names
// for "who", dates for "when", numbers for "how many", places for "where", the
// spelled-out form of an abbreviation for "what does X stand for".
func kindBonus(kind questionKind, text string, marks sentenceMarks, a analyzed, s corpus.Span, queryWords map[string]bool, units []queryUnit, isWord func(string) bool) float64 {
	switch kind {
	case askWho:
		return math.Min(0.05*float64(countNames(a, s, queryWords)), 0.3)
	case askOther:
		return math.Min(0.025*float64(countNames(a, s, queryWords)), 0.15)
	case askWhere:
		return math.Min(0.1*float64(countPlaces(a, s, queryWords)), 0.3)
	case askName:
		// The name of a thing is quoted («Взаимодействие-2023»,
		// "Indestructible Brotherhood") or numbered (Rubezh-2022); a
		// capitalised word is as likely a person or a place.
		if marks&markName != 0 {
			return 0.5
		}
		// A document is named by what it is about: "what is the
		// document on bases called?" — "the protocol on military
		// infrastructure".
		if asksForDocument(queryWords) && documentTitle.MatchString(text) {
			return 0.5
		}
	case askWhen:
		if marks&markDate != 0 {
			return 0.2
		}
	case askHowMany:
		return countBonus(a, s, units)
	case askMeasure:
		return measureBonus(tokensIn(a, s), measureAsked(queryWords))
	case askDefinition:
		for _, m := range acronymDef.FindAllStringSubmatch(text, -1) {
			if queryWords[stemWord(strings.ToLower(m[1]), unicode.Is(unicode.Cyrillic, []rune(m[1])[0]))] {
				return 0.4
			}
		}
	case askWhatIs:
		return definitionBonus(a, s, text, units)
	case askRole:
		return roleBonus(a, s, units)
	case askSaid:
		return speechBonus(a, s, text)
	case askWhy:
		if marks&markReason != 0 {
			return 0.2
		}
	case askLeader:
		return leaderBonus(a, s, queryWords, isWord)
	}
	return 0
}

// leaderRoles are the glossary concepts of heading something.
var leaderRoles = map[string]bool{
	"c:term.leader": true, "c:term.chairman": true, "c:term.led": true, "c:term.secretary_general": true,
	"c:term.president": true, "c:term.prime_minister": true,
}

// leaderBonus rewards a sentence that answers "who heads X": it names
// someone the question does not, with a word of heading something that no
// "deputy"/"вице"/"заместитель" qualifies ("the deputy secretary general"
// heads nothing).
func leaderBonus(a analyzed, s corpus.Span, queryWords map[string]bool, isWord func(string) bool) float64 {
	if !namesAPerson(a, s, queryWords, isWord) {
		return 0
	}
	toks := tokensIn(a, s)
	first := 0
	for first < len(a.tokens) && a.tokens[first].start < s.Start {
		first++
	}
	for i, t := range toks {
		if !hasLeaderRole(a.keys[first+i]) && !leaderStems[t.stem] {
			continue
		}
		deputy := false
		for j := max(0, i-2); j < i; j++ {
			deputy = deputy || containsKey(a.keys[first+j], "c:term.deputy")
		}
		if !deputy && !containsKey(a.keys[first+i], "c:term.deputy") {
			return 0.3
		}
	}
	return 0
}

// namesAPerson reports whether sentence s of a names someone the question
// does not: a capitalised word inside the sentence that is no place,
// country or organisation the glossary knows ("based in Moscow" names no
// one) and, for a Latin word, no English word isWord knows ("The Canadian
// president …" names no one either).
//
// A name of several words is the question's when its last word is
// ("Stanislav Zas" for "before Zas took over").
func namesAPerson(a analyzed, s corpus.Span, queryWords map[string]bool, isWord func(string) bool) bool {
	lo, hi := tokenRange(a, s)
	person, known := false, false // in the current run of capitalised words
	for i := lo; i <= hi; i++ {
		var t token
		if i < hi {
			t = a.tokens[i]
		}
		if i == hi || t.start <= s.Start || !t.capital || t.stop || i > lo && a.tokens[i-1].end+1 != t.start {
			if person && !known {
				return true
			}
			person, known = false, false
			if i == hi || t.start <= s.Start || !t.capital || t.stop {
				continue
			}
		}
		thing := false
		for _, k := range a.keys[i] {
			thing = thing || strings.HasPrefix(k, "c:place.") || strings.HasPrefix(k, "c:country.") ||
				strings.HasPrefix(k, "c:org.") || strings.HasPrefix(k, "c:term.")
		}
		// A run's last word is its name's head: "Stanislav Zas" is the
		// question's Zas, "Security Council Nikolai Patrushev" is not
		// the question's Security Council.
		known = queryWords[t.stem] && !thing
		if !known && !thing && (t.cyrillic || !isWord(t.lower)) {
			person = true
		}
	}
	return false
}

// hasLeaderRole reports whether keys hold a concept of heading something.
func hasLeaderRole(keys []string) bool {
	for _, k := range keys {
		if leaderRoles[k] {
			return true
		}
	}
	return false
}

// reasonPattern finds the words that give a reason: an answer to "why"
// says because, due to, after, over, citing… (в связи с, из-за, так как…).
var reasonPattern = mustGate(`\b(because|due to|owing to|as a result|on the grounds|in response to|in protest|citing|cited|after|over|since|following|amid|as it|so|so that|:\s+\p{L}|therefore|thus|hence|that is why|as (the|a|an|its|their|his|her)|in order to|blam\w*|reason\w*|caus\w*|prompt\w*|led to|failure|failed|explain\w*|argu\w*|saying|deeming|judging)\b|` +
	`(в связи с|из-за|из за|так как|поскольку|потому что|поэтому|следовательно|так что|ввиду|в ответ на|вследствие|благодаря|по причине|причин\p{L}*|после|чтобы|из-под|неспособн\p{L}*|не смогл\p{L}*|не выполнил\p{L}*|поясни\p{L}*|объясни\p{L}*|мотивир\p{L}*|сославшись|аргумент\p{L}*)|(?:^|[^\p{L}])(?:сочт\p{L}*|посчитав|считая|полагая|назвав)(?:$|[^\p{L}])`)

// Measures: "how long is the border" wants kilometres, "how long did the
// war last" days, "what is the budget" money. A question's words say which
// (measureWords, by stem); only an amount in the sentence followed by a
// unit of that measure (measureUnits, by the start of the unit's word)
// answers it, not any number.
// measureWords map the stems of the words that name a measure to it.
var measureWords = map[string]string{
	"length": "length", "distanc": "length", "far": "length", "протяжен": "length", "протяжён": "length", "длин": "length", "расстоян": "length",
	"budget": "money", "cost": "money", "price": "money", "spend": "money", "expenditur": "money", "salari": "money", "worth": "money",
	"бюджет": "money", "стоимост": "money", "цен": "money", "стоит": "money", "расход": "money", "зарплат": "money",
	"long": "time or length", "срок": "time", "времен": "time",
}

// The units of each measure, as whole word forms.
var (
	lengthUnits = setOf(`km kilometre kilometres kilometer kilometers mile miles metre metres meter meters
км километр километра километров километрах километрам метр метра метров миля мили миль милю`)
	timeUnits = setOf(`second seconds minute minutes hour hours day days week weeks month months year years decade decades
секунда секунды секунд минута минуты минут час часа часов день дня дней дни неделя недели недель неделю
месяц месяца месяцев год года лет годы годах`)
	moneyUnits = setOf(`dollar dollars rouble roubles ruble rubles euro euros tenge dram drams som soms somoni million millions billion billions
доллар доллара долларов рубль рубля рублей евро тенге драм драма драмов сом сома сомов сомони млн млрд миллион миллиона миллионов миллиард миллиарда миллиардов`)
)

// measureUnits are the unit sets of each measure.
var measureUnits = map[string][]map[string]bool{
	"length": {lengthUnits},
	"money":  {moneyUnits},
	"time":   {timeUnits},
	// "How long is the border" asks for kilometres, "how long is the
	// term" for years.
	"time or length": {timeUnits, lengthUnits},
}

// measureRoots are the unit roots of Russian compound adjectives that hold
// an amount after a numeral («пятилетний» срок, «тысячекилометровый»
// рубеж, «двухнедельный»).
var measureRoots = map[string][]string{
	"length":         {"километров", "метров"},
	"time":           {"летн", "месячн", "недельн", "дневн", "часов", "годичн"},
	"time or length": {"летн", "месячн", "недельн", "дневн", "часов", "годичн", "километров", "метров"},
}

// numeralPrefix finds the numeral that opens a Russian compound adjective.
var numeralPrefix = regexp.MustCompile(`^(одно|двух|трёх|трех|четырёх|четырех|пяти|шести|семи|восьми|девяти|десяти|двадцати|тридцати|сорока|пятидесяти|сто|двухсот|трёхсот|трехсот|тысяче|полу)`)

// scaleWords count money only when no other unit follows them: "$2
// billion in aid" is money, "20 million tonnes" is not.
var scaleWords = setOf(`million millions billion billions млн млрд миллион миллиона миллионов миллиард миллиарда миллиардов`)

// measureAsked returns the measure a question's stems ask for: a length or
// money word wins over "long" and "срок" ("what is the length of the
// border", "how long is the term").
func measureAsked(queryWords map[string]bool) string {
	rank := map[string]int{"time or length": 1, "time": 2, "length": 3, "money": 3}
	found := ""
	for stem := range queryWords {
		m := measureWords[stem]
		if m != "" && (rank[m] > rank[found] || rank[m] == rank[found] && m < found) {
			found = m
		}
	}
	return found
}

// measureBonus rewards an amount: one with a unit of the measure asked, or
// any count when the question names no measure ("how much").
func measureBonus(toks []token, measure string) float64 {
	for i, t := range toks {
		if measure == "" && isCount(t) {
			return 0.3
		}
		if hasUnit(t.lower, measure) && i > 0 && isCount(toks[i-1]) &&
			!(scaleWords[t.lower] && i+1 < len(toks) && !toks[i+1].stop && !hasUnit(toks[i+1].lower, measure)) {
			return 0.3
		}
		if compoundAmount(t.lower, measure) {
			return 0.3
		}
	}
	return 0
}

// hasUnit reports whether word is a unit of measure.
func hasUnit(word, measure string) bool {
	for _, units := range measureUnits[measure] {
		if units[word] {
			return true
		}
	}
	return false
}

// compoundAmount reports a Russian compound adjective that holds an amount
// of the measure: a numeral, then a unit root («пятилетний»).
func compoundAmount(word, measure string) bool {
	prefix := numeralPrefix.FindString(word)
	if prefix == "" {
		return false
	}
	for _, root := range measureRoots[measure] {
		if strings.HasPrefix(word[len(prefix):], root) {
			return true
		}
	}
	return false
}

// quotedName finds a short quoted span that starts with a capital or a
// digit: a name in quotes.
// Quoted words are a quotation instead when they hold a comma or a
// sentence's end.
var quotedName = mustGate(`[«"“„]\s*[\p{Lu}\d][^«»"“”„,.!?;]{0,60}[»"”“]`)

// numberedName finds a capitalised word joined to a number by a hyphen, as
// exercises and operations are named: Rubezh-2022, Взаимодействие-2023.
var numberedName = mustGate(`\p{Lu}\p{L}+-\d+`)

// namingPhrase finds a quoted name after a word that gives a name, in any
// case: a dispute "dubbed the \"milk war\"", «так называемая
// \"цветная революция\"».
var namingPhrase = mustGate(`(?i)(dubbed|called|known as|named|nicknamed|termed|под названием|называ\p{L}*|прозва\p{L}*|окрести\p{L}*)\s+(the\s+)?[«"“„]`)

// documentTitle finds a document named by what it is about, as treaties and
// protocols are: "the protocol on military infrastructure", «протокол о
// размещении объектов».
var documentTitle = mustGate(`(?i)(?:^|[^\p{L}])(protocol|agreement|treaty|convention|memorandum|declaration|charter|statute|resolution|протокол(?:а|е|ом|у)?|соглашени(?:е|я|и|ем|ю)|договор(?:а|е|ом|у)?|конвенци(?:я|и|ю|ей)|меморандум(?:а|е|ом|у)?|деклараци(?:я|и|ю|ей)|устав(?:а|е|ом|у)?|резолюци(?:я|и|ю|ей))\s+(on|about|о|об|по)\s+\p{L}`)

// documentStems are the stems of the words for a document, in both
// languages.
var documentStems = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`document documents protocol agreement treaty convention memorandum declaration charter statute resolution`) {
		m[stemWord(w, false)] = true
	}
	for _, w := range strings.Fields(`документ документа протокол протокола соглашение соглашения договор договора конвенция меморандум декларация устав резолюция`) {
		m[stemWord(w, true)] = true
	}
	return m
}()

// asksForDocument reports whether the question's words name a document.
func asksForDocument(queryWords map[string]bool) bool {
	for st := range documentStems {
		if queryWords[st] {
			return true
		}
	}
	return false
}

// countNames counts the names in sentence s of a that the question does not
// contain: runs of capitalised words (not the sentence's first word), where
// a run is broken by anything but a space, so "Armenia, Belarus" is two names
// and "Collective Security Treaty Organization" one.
func countNames(a analyzed, s corpus.Span, queryWords map[string]bool) int {
	n := 0
	inName, known := false, false
	prevEnd := -1
	flush := func() {
		if inName && !known {
			n++
		}
		inName, known = false, false
	}
	for _, t := range a.tokens {
		if t.start < s.Start || t.end > s.End {
			continue
		}
		isName := t.capital && t.start > s.Start && !t.stop
		if !isName || (inName && t.start != prevEnd+1) {
			flush()
		}
		if isName {
			inName = true
			known = known || queryWords[t.stem]
		}
		prevEnd = t.end
	}
	flush()
	return n
}

// countPlaces counts the distinct places and countries of the glossary that
// sentence s of a names and the question does not.
func countPlaces(a analyzed, s corpus.Span, queryWords map[string]bool) int {
	places := map[string]bool{}
	for i, t := range a.tokens {
		if t.start < s.Start || t.end > s.End || queryWords[t.stem] {
			continue
		}
		for _, k := range a.keys[i] {
			if strings.HasPrefix(k, "c:place.") || strings.HasPrefix(k, "c:country.") {
				places[k] = true
			}
		}
		// A name after a preposition of place is a place the
		// glossary need not know: "in St Petersburg", «в Таврическом
		// дворце».
		if t.capital && i > 0 && a.tokens[i-1].start >= s.Start && locativePrepositions[a.tokens[i-1].lower] &&
			!hasPrefixKey(a.keys[i], "c:") {
			// (A glossary word — a month, an organisation, a country
			// already counted — is no new place.)
			places["w:"+t.stem] = true
		}
	}
	return len(places)
}

// locativePrepositions say where something is.
var locativePrepositions = setOf(`in at near outside inside в во на под около возле близ`)

// answerTypeBonus rewards a sentence that names an entity of the kind the
// question asks for ("which country" → Kazakhstan) other than the ones the
// question names itself.
func answerTypeBonus(a analyzed, s corpus.Span, units []queryUnit, queryWords map[string]bool) float64 {
	for _, u := range units {
		if u.answerType == "" {
			continue
		}
		named := map[string]bool{} // the distinct things of the type named
		for i, t := range a.tokens {
			if t.start < s.Start || t.end > s.End || queryWords[t.stem] || !containsKey(a.keys[i], u.answerType) {
				continue
			}
			for _, k := range a.keys[i] {
				if strings.HasPrefix(k, "c:") {
					named[k] = true
				}
			}
		}
		switch {
		case len(named) == 0:
		case len(named) >= 2 && u.plural:
			// "Which countries …" is answered by a list of them.
			return 0.25 + listBonus
		default:
			return 0.25
		}
	}
	return 0
}

// listBonus is what a sentence naming two or more things of the kind a
// plural question asks for ("which countries") adds to answerTypeBonus.
const listBonus = 0.15

// numberWords are counts written out, in English and Russian.
var numberWords = setOf(`one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds
thousand thousands million millions dozen dozens several
один одна одно одного одной два две двух двум трое три трех трёх трем трём четыре четырех четырёх пять пяти
шесть шести семь семи восемь восьми девять девяти десять десяти одиннадцать двенадцать пятнадцать двадцать
двадцати тридцать тридцати сорок сорока пятьдесят пятидесяти шестьдесят семьдесят восемьдесят девяносто
сто ста двести двухсот триста трехсот трёхсот четыреста пятьсот тысяча тысячи тысяч миллион миллиона
миллионов десятки десятков сотни сотен несколько нескольких`)

// countBonus rewards a sentence that puts a count right before a word of the
// question: "six member states" answers "how many member states".
func countBonus(a analyzed, s corpus.Span, units []queryUnit) float64 {
	toks := tokensIn(a, s)
	first := 0
	for first < len(a.tokens) && a.tokens[first].start < s.Start {
		first++
	}
	// The count stands before what is counted ("how many troops" wants
	// "2,000 troops", not "two countries"); a kind word ("how many
	// nations") is answered by a count of any of its words ("six member
	// states").
	counted := units
	for _, u := range units {
		if u.counted && u.answerType == "" {
			counted = []queryUnit{u}
		}
	}
	for i, t := range toks {
		if !isCount(t) {
			continue
		}
		for j := i + 1; j < len(toks) && j <= i+3; j++ {
			if !matchesAnyUnit(a.keys[first+j], counted) {
				continue
			}
			if j+1 < len(toks) && matchesAnyUnit(a.keys[first+j+1], counted) {
				continue // a phrase ("collective force"): its last word is the head
			}
			if !modifiesNext(toks, j) {
				return 0.3
			}
		}
	}
	return 0
}

// modifiesNext reports an English noun that modifies the noun after it
// ("four force formats" counts formats, not forces): a singular word
// followed right after by a lower-case plural that is no function word and
// no participle. "2,500 troops remain" and "six states form" count troops
// and states: a plural is the head, and the verb after it is no noun.
func modifiesNext(toks []token, j int) bool {
	if j+1 >= len(toks) || toks[j].cyrillic || strings.HasSuffix(toks[j].lower, "s") {
		return false
	}
	n := toks[j+1]
	if n.stop || n.capital || n.cyrillic || toks[j].end != n.start-1 || !isLetters(n.lower) {
		return false
	}
	return strings.HasSuffix(n.lower, "s") && !strings.HasSuffix(n.lower, "ss")
}

// isLetters reports a word of letters only.
func isLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return w != ""
}

// isCount reports a cardinal number: digits that are not a year of the
// articles' time (1344 kilometres is a count, 2007 a year), or a number
// word.
func isCount(t token) bool {
	if numberWords[t.lower] || russianTeens.MatchString(t.lower) {
		return true
	}
	return isNumber(t.lower) && (len(t.lower) < 4 || !isYear(t.lower))
}

// russianTeens are the Russian numerals built on "-дцать" (11–19, 20, 30)
// in any case: тринадцати, двадцатью.
var russianTeens = regexp.MustCompile(`^\p{Cyrillic}+дцат(ь|и|ью)$`)

// roleBonus rewards a sentence that puts a role ("spokesman", "Secretary
// General", "head of Chechnya") right next to the person asked about.
func roleBonus(a analyzed, s corpus.Span, units []queryUnit) float64 {
	toks := tokensIn(a, s)
	first := 0
	for first < len(a.tokens) && a.tokens[first].start < s.Start {
		first++
	}
	for i := range toks {
		if !matchesAnyUnit(a.keys[first+i], units) {
			continue
		}
		for j := max(0, i-5); j < len(toks) && j <= i+3; j++ {
			if hasRoleKey(a.keys[first+j]) {
				return 0.4
			}
		}
	}
	return 0
}

// roleConcepts are the glossary concepts that name a person's office.
var roleConcepts = map[string]bool{
	"c:term.president": true, "c:term.prime_minister": true, "c:term.secretary_general": true,
	"c:term.secretary": true, "c:term.spokesman": true, "c:term.chairman": true,
	"c:term.deputy": true, "c:term.leader": true,
}

// hasRoleKey reports whether keys hold a concept of a person's office.
func hasRoleKey(keys []string) bool {
	for _, k := range keys {
		if roleConcepts[k] {
			return true
		}
	}
	return false
}

// definitionBonus rewards a sentence that defines what the question asks
// about: it opens with it and goes straight on "is a …" ("The Collective
// Security Treaty Organization is a military alliance led by Russia").
func definitionBonus(a analyzed, s corpus.Span, text string, units []queryUnit) float64 {
	loc := definingVerb.FindStringIndex(text)
	if loc == nil {
		return 0
	}
	verbAt := s.Start + loc[0]
	words, last := 0, -1
	for i, t := range a.tokens {
		if t.start >= s.Start && t.start < verbAt {
			words++
			last = i
		}
	}
	// The subject is the word right before the verb, near the start.
	if last >= 0 && words <= 6 && matchesAnyUnit(a.keys[last], units) {
		return 0.3
	}
	return 0
}

// speechConcepts are the glossary concepts of saying something.
var speechConcepts = map[string]bool{
	"c:term.say": true, "c:term.emphasize": true, "c:term.insist": true, "c:term.criticize": true,
	"c:term.accuse": true, "c:term.praise": true, "c:term.assess": true, "c:term.propose": true,
	"c:term.promise": true, "c:term.urge": true, "c:term.alarm": true, "c:term.statement": true,
}

// speechBonus rewards a sentence that reports speech, for "what did X say":
// a verb of saying or a quotation. A sentence that only names X does not
// tell what X said.
func speechBonus(a analyzed, s corpus.Span, text string) float64 {
	if strings.Count(text, "\"") >= 2 {
		return 0.1
	}
	for i, t := range a.tokens {
		if t.start < s.Start || t.end > s.End {
			continue
		}
		for _, k := range a.keys[i] {
			if speechConcepts[k] {
				return 0.1
			}
		}
	}
	return 0
}
