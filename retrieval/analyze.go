package retrieval

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/russian"
)

// token is one word of a text with its position and normalised forms.
type token struct {
	start, end int    // byte span in the analysed text
	lower      string // lower-cased surface form
	stem       string // Snowball stem (English for Latin, Russian for Cyrillic)
	capital    bool   // starts with an upper-case letter
	cyrillic   bool
	stop       bool // a function word that carries no content
	corrected  bool // the stem was taken from a corpus word as a typo fix
	quoted     bool // inside quotation marks in a question: a name («Рассвет»)
}

// markQuoted marks the tokens of question that stand inside quotation
// marks: «…», „…“, “…” or "…", each closed by its own partner.
func markQuoted(question string, toks []token) {
	partner := map[rune]rune{'«': '»', '„': '“', '“': '”', '"': '"'}
	var closing rune
	open := -1
	for i, r := range question {
		switch {
		case open >= 0 && r == closing:
			for j := range toks {
				if toks[j].start > open && toks[j].end <= i {
					toks[j].quoted = true
				}
			}
			open = -1
		case open < 0 && partner[r] != 0:
			open, closing = i, partner[r]
		}
	}
}

// tokenize splits text into words of letters and digits. An apostrophe ends a
// word and a possessive "s" after it is dropped ("CSTO's" → "CSTO").
func tokenize(text string) []token { return tokenizeWith(text, nil, nil) }

// tokenizeWith is tokenize with the stems of words that memo has seen
// before taken from memo, and the new ones added to it, or, with a nil memo,
// the stems of the words known has taken from it; with both nil it stems
// every word afresh.
func tokenizeWith(text string, memo map[string]stemmed, known map[string]string) []token {
	out := make([]token, 0, wordRuns(text))
	splitWords(text, func(word string, start, end int) {
		if memo == nil {
			out = append(out, newToken(word, start, end, known))
			return
		}
		out = append(out, memoToken(memo, word, start, end))
	})
	return out
}

// tokenizeUnstemmed is tokenize without the stems, for a reader of the
// words alone.
func tokenizeUnstemmed(text string) []token {
	out := make([]token, 0, wordRuns(text))
	splitWords(text, func(word string, start, end int) {
		out = append(out, wordToken(word, start, end))
	})
	return out
}

// splitWords calls yield with each word of text that tokenize keeps and its
// byte span.
func splitWords(text string, yield func(word string, start, end int)) {
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				break
			}
			i += size
		}
		word := text[start:i]
		if (word == "s" || word == "S") && start > 0 && isApostrophe(text[:start]) {
			continue
		}
		yield(word, start, i)
	}
}

// wordRuns returns how many runs of letters and digits text has: at least
// as many as its tokens.
func wordRuns(text string) int {
	n, in := 0, false
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		word := isWordRune(r)
		if word && !in {
			n++
		}
		in = word
		i += size
	}
	return n
}

// stemmed is what a word's lower-case form gives: the form itself, shared by
// every token of it, its stem and its index key.
type stemmed struct {
	lower, stem string
	keys        []string // just "w:"+stem, with a capacity of one
}

func memoToken(memo map[string]stemmed, word string, start, end int) token {
	first, _ := utf8.DecodeRuneInString(word)
	lower := strings.ToLower(word)
	m, ok := memo[lower]
	t := token{start: start, end: end, capital: unicode.IsUpper(first), cyrillic: unicode.Is(unicode.Cyrillic, first)}
	if !ok {
		m = stemmed{lower: lower, stem: stemOfWord(lower, t.cyrillic)}
		m.keys = []string{"w:" + m.stem}[:1:1]
		memo[lower] = m
	}
	t.lower, t.stem = m.lower, m.stem
	t.stop = stopwords[m.lower]
	return t
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isApostrophe(before string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	return r == '\'' || r == '’'
}

func newToken(word string, start, end int, known map[string]string) token {
	t := wordToken(word, start, end)
	var ok bool
	if t.stem, ok = known[t.lower]; !ok {
		t.stem = stemOfWord(t.lower, t.cyrillic)
	}
	return t
}

// wordToken is the token of word without its stem.
func wordToken(word string, start, end int) token {
	first, _ := utf8.DecodeRuneInString(word)
	lower := strings.ToLower(word)
	t := token{start: start, end: end, lower: lower, capital: unicode.IsUpper(first)}
	t.cyrillic = unicode.Is(unicode.Cyrillic, first)
	t.stop = stopwords[lower]
	return t
}

// stemOfWord is stemWord with the stems of the stopwords, which every text
// has many of, looked up.
func stemOfWord(lower string, cyrillic bool) string {
	if stem, ok := stopwordStems[lower]; ok {
		return stem
	}
	return stemWord(lower, cyrillic)
}

// stopwordStems are the stems of the stopwords.
var stopwordStems = func() map[string]string {
	m := make(map[string]string, len(stopwords))
	for w := range stopwords {
		r, _ := utf8.DecodeRuneInString(w)
		m[w] = stemWord(w, unicode.Is(unicode.Cyrillic, r))
	}
	return m
}()

// stemWord stems a lower-cased word with the Snowball stemmer of its script.
func stemWord(lower string, cyrillic bool) string {
	if cyrillic {
		return russian.Stem(strings.ReplaceAll(lower, "ё", "е"), false)
	}
	if lower[0] >= '0' && lower[0] <= '9' {
		return lower
	}
	return english.Stem(lower, false)
}

// stopwords are function words and question words in English and Russian.
// They are never indexed and never count towards a question's coverage.
var stopwords = setOf(`
a an the and or but nor if then than so as at by for from in into of on onto to with without within
about above after again against all also am any are aren't be been being before below between both
can could did do does doing done down during each few further had has have having he her here hers
herself him himself his how i is it its itself just me more most my myself no not now off once only
other our ours out over own same she should some such that their theirs them themselves there these
they this those through too under until up very was we were what when where which while who whom
whose why will would you your yours yourself s t d ll m re ve y
make makes made making get gets got getting many much still yet already ever really actually according anything something everything nothing anyone someone anybody somebody among amongst whether either neither else tell say know explain describe please give find happen happened happens mean means
whats what's who's where's when's let us
и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было
вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас
нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их
чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой
совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при
наконец два об другой хоть после над больше тот через эти нас про всего них какая много разве три
эту моя впрочем хорошо свою свой своё свое своя свои своего своей своему своим своими своих своём своем этой перед иногда лучше чуть том нельзя такой им более всегда конечно
всю между какие каких какое каким какими какую каков какова каковы какого какому каком который которая которые которое
сколько скольких является являются являлась был была были расскажи расскажите скажи скажите объясни объясните
известно ли произошло случилось также это
почему зачем каков какова каково каковы чей чья чьё чье чьи кем
будут весь её неё оно эта той которой котором которых либо наш однако очень пока поэтому хотя кого
although though even every however per thus upon ourselves yourselves
`)

// strandedPreposition are the prepositions an English question may end
// with ("What is it aimed at?").
var strandedPreposition = setOf(`against for about with to from on at in of by into over`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// questionKind is what sort of answer a question asks for; it lets sentence
// selection prefer sentences that hold that sort of thing.
type questionKind int

const (
	askOther      questionKind = iota
	askWho                     // a person, country or organisation
	askWhen                    // a date or time
	askHowMany                 // a number
	askWhere                   // a place
	askDefinition              // what an abbreviation stands for, what a thing is
	askRole                    // what a person's job is: "who is Zas?"
	askWhatIs                  // what a thing is: "what is the CSTO?"
	askSaid                    // what someone said: "what did Lukashenko say about NATO?"
	askWhy                     // a reason: "why did Armenia refuse to host the drills?"
	askLeader                  // who heads something: "who chairs the assembly's council?"
	askMeasure                 // an amount or a length of time: "how long will the peacekeepers stay?"
	askName                    // what something is called: "what were the drills called?"
)

// leaderStems are the stems of the words that ask who heads something: the
// head, chair, leader or commander of it, or who leads, heads, chairs or
// commands it (руководит, возглавляет, председательствует, командует).
var leaderStems = setOf(`head lead led leader chair chairman chairperson command commander chief run presid
руковод руководител возглав председател председательств командир глав`)

// officeStems name an office one person holds at a time: "who is the
// president of X", «кто президент X» asks who heads X, though "who met the
// president" does not.
var officeStems = setOf(`presid premier prime secretari speaker chairman
президент премьер генсек секретар спикер председател`)

// asksForOffice reports a question for the holder of an office: "who is
// (was) the ⟨office⟩ …", «кто (является) ⟨office⟩ …».
func asksForOffice(words []string) bool {
	if len(words) < 3 {
		return false
	}
	switch {
	case words[0] == "who" && (words[1] == "is" || words[1] == "was" || words[1] == "s"):
	case words[0] == "кто" && (words[1] == "является" || words[1] == "был" || words[1] == "была" || words[1] == "сейчас" || words[1] == "теперь"):
	case words[0] == "кто":
		return officeStems[stemWord(words[1], true)]
	default:
		return false
	}
	for _, w := range words[2:] {
		r, _ := utf8.DecodeRuneInString(w)
		if officeStems[stemWord(w, unicode.Is(unicode.Cyrillic, r))] {
			return true
		}
	}
	return false
}

// chairVerbs are the forms of «вести» that ask who chaired a meeting
// («кто вёл заседание»).
var chairVerbs = setOf(`вёл вел вела вели ведёт ведет командует командуют`)

// asksForLeader reports whether a who-question asks who heads something.
func asksForLeader(words []string) bool {
	for _, w := range words {
		if w == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		stem := stemWord(w, unicode.Is(unicode.Cyrillic, r))
		if leaderStems[stem] || unicode.Is(unicode.Cyrillic, r) && (hasAnyPrefix(w, "руковод", "возглав", "председател", "командов", "командир", "командующ") || chairVerbs[w]) {
			return true
		}
	}
	return false
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// amountNouns name a quantity: a question asking what one of them is wants
// an amount.
var amountNouns = setOf(`budget budgets cost costs price prices size population salary income revenue area worth value
height length width depth distance strength spending expenditure
бюджет бюджета бюджете стоимость цена размер численность население длина площадь расстояние расходы зарплата`)

// asksForAmount reports whether the question's words name a quantity.
func asksForAmount(words []string) bool {
	for _, w := range words {
		if amountNouns[w] {
			return true
		}
	}
	return false
}

// classifyQuestion reads the question word(s) of an English or Russian
// question.
func classifyQuestion(question string) questionKind {
	var words []string
	for _, t := range tokenizeUnstemmed(question) {
		words = append(words, t.lower)
	}
	padded := []byte(" " + strings.Join(words, " ") + " ")
	// A phrase is looked for with its spaces in a buffer: a string made
	// for each of the phrases below was a tenth of a question's
	// allocations.
	var buf [64]byte
	has := func(phrases ...string) bool {
		for _, p := range phrases {
			if bytes.Contains(padded, append(append(append(buf[:0], ' '), p...), ' ')) {
				return true
			}
		}
		return false
	}
	switch {
	case has("since when", "what year", "which year", "what date", "which date", "с какого времени", "с каких пор", "с какого года", "в каком году", "какого числа"):
		// A date phrase asks when, whatever else the question names:
		// "since when has he held the post?"
		return askWhen
	case has("job", "occupation", "post", "title", "role", "position", "office", "должность", "должности", "пост", "роль", "профессия", "кем работает", "кто такой", "кто такая"):
		return askRole
	case has("stand for", "stands for", "abbreviation", "acronym", "full name", "расшифровывается", "расшифровка", "аббревиатура", "означает аббревиатура"):
		return askDefinition
	case has("what") && has("called", "named", "codename", "code name", "dubbed") && has("is", "was", "are", "were", "s") && !has("did", "does", "do") || has("как назывались", "кодовое название", "под каким именем", "как назывался", "как называлась", "как называлось",
		"как называется", "как называются", "как назвали", "под каким названием", "какое название", "какое название получили"):
		return askName
	case has("why", "for what reason", "what reason", "what reasons", "what caused", "what prompted", "what led",
		"почему", "зачем", "по какой причине", "из за чего", "какова причина", "какие причины", "в чем причина", "в чём причина"):
		return askWhy
	case has("what is", "what s", "what was", "what are", "каков", "какова", "каково", "каковы", "какой", "какая") && asksForAmount(words):
		// "What is the CSTO's budget?" wants an amount, not a sentence
		// that mentions the budget.
		return askMeasure
	case has("что такое", "что представляет собой") || has("what is", "what s") && !strandedPreposition[words[len(words)-1]]:
		// "What is the operation directed against?" asks for what
		// follows the preposition, not what the operation is.
		return askWhatIs
	case has("how much", "how long", "for how long", "how far", "как долго", "долго ли", "на какой срок", "за какой срок", "в какой срок", "на какое время", "какова протяженность",
		"какова протяжённость", "какой протяженности", "какой протяжённости", "сколько времени"):
		return askMeasure
	case has("how many", "what percentage", "what percent", "what share", "сколько", "какой процент", "какая доля"):
		return askHowMany
	case has("when", "what year", "which year", "what date", "which date", "what day", "which day", "what month", "which month", "since when",
		"what was the date", "what is the date", "what was the exact date", "what is the exact date", "what was the precise date",
		"когда", "в каком году", "какого числа", "какое число", "в какой день", "какую дату", "в каком месяце", "с какого времени", "с каких пор", "с какого года"):
		return askWhen
	case has("where", "где", "куда", "откуда", "в каком городе"):
		return askWhere
	case has("who", "whom", "which countries", "which country", "which states", "кто", "кого", "кому", "какие страны", "какая страна", "какие государства", "чьи"):
		if has("who", "whom", "кто", "кого", "кому") && (asksForLeader(words) || asksForOffice(words)) {
			// "Which country chairs …" asks for a country, not a person.
			return askLeader
		}
		return askWho
	case has("say", "said", "says", "think", "thinks", "opinion", "view", "views", "stance",
		"сказал", "сказала", "сказали", "заявил", "заявила", "заявили", "говорил", "говорила", "считает", "думает", "мнение", "высказался"):
		return askSaid
	}
	return askOther
}
