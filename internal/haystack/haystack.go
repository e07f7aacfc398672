// Package haystack writes corpora for scale benchmarks: a given number of
// passages of generated news articles (politics, sports, economy,
// technology; English and some Russian) with the built-in articles hidden
// among them. The distractors share the built-in articles' vocabulary
// (countries, capitals, "security", "summit", "minister") so that the
// haystack is hard, but they are written from the word lists of this file
// alone and never name the organisation or the people the built-in articles
// are about. The same seed always gives the same files.
package haystack

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alliancebot/alliancebot/corpus"
)

// Options say what corpus to write.
type Options struct {
	// Passages is roughly how many passages the written folder holds,
	// the built-in articles' included.
	Passages int
	// Seed makes the corpus; the same seed gives the same files.
	Seed uint64
	// Builtin adds the built-in articles, under their own file names.
	Builtin bool
}

// Stats say what Write wrote.
type Stats struct {
	Articles   int // distractor articles
	Paragraphs int // their paragraphs; each is about one passage
	Bytes      int64
}

// Write writes the corpus of o into dir, which must exist.
func Write(dir string, o Options) (Stats, error) {
	var st Stats
	target := o.Passages
	if o.Builtin {
		n, err := copyBuiltin(dir)
		if err != nil {
			return st, err
		}
		target -= n
	}
	g := &generator{rng: rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))}
	g.people = g.makeNames(4000)
	g.companies = g.makeCompanies(600)
	for st.Paragraphs < target {
		name, text, paragraphs := g.article(target - st.Paragraphs)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			return st, fmt.Errorf("write haystack article: %w", err)
		}
		st.Articles++
		st.Paragraphs += paragraphs
		st.Bytes += int64(len(text))
	}
	return st, nil
}

// copyBuiltin copies the built-in articles into dir and returns how many
// passages they have.
func copyBuiltin(dir string) (int, error) {
	src := corpus.Default()
	entries, err := fs.ReadDir(src, ".")
	if err != nil {
		return 0, fmt.Errorf("read built-in articles: %w", err)
	}
	for _, e := range entries {
		data, err := fs.ReadFile(src, e.Name())
		if err != nil {
			return 0, fmt.Errorf("read built-in article: %w", err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			return 0, fmt.Errorf("copy built-in article: %w", err)
		}
	}
	c, err := corpus.Load(src)
	if err != nil {
		return 0, err
	}
	return len(c.Passages), nil
}

type generator struct {
	rng       *rand.Rand
	people    []string
	companies []string
}

// country is a country's English name and adjective and its Russian name in
// the genitive and prepositional cases the Russian templates need.
type country struct{ name, adj, ruGen, ruPrep string }

var countries = []country{
	{"Armenia", "Armenian", "Армении", "Армении"},
	{"Belarus", "Belarusian", "Белоруссии", "Белоруссии"},
	{"Kazakhstan", "Kazakh", "Казахстана", "Казахстане"},
	{"Kyrgyzstan", "Kyrgyz", "Киргизии", "Киргизии"},
	{"Russia", "Russian", "России", "России"},
	{"Tajikistan", "Tajik", "Таджикистана", "Таджикистане"},
	{"Uzbekistan", "Uzbek", "Узбекистана", "Узбекистане"},
	{"Azerbaijan", "Azerbaijani", "Азербайджана", "Азербайджане"},
	{"Georgia", "Georgian", "Грузии", "Грузии"},
	{"Turkey", "Turkish", "Турции", "Турции"},
	{"China", "Chinese", "Китая", "Китае"},
	{"India", "Indian", "Индии", "Индии"},
	{"Germany", "German", "Германии", "Германии"},
	{"Poland", "Polish", "Польши", "Польше"},
	{"Finland", "Finnish", "Финляндии", "Финляндии"},
	{"Norway", "Norwegian", "Норвегии", "Норвегии"},
	{"Mongolia", "Mongolian", "Монголии", "Монголии"},
	{"Egypt", "Egyptian", "Египта", "Египте"},
	{"Japan", "Japanese", "Японии", "Японии"},
	{"Canada", "Canadian", "Канады", "Канаде"},
	{"Hungary", "Hungarian", "Венгрии", "Венгрии"},
	{"Iran", "Iranian", "Ирана", "Иране"},
	{"Vietnam", "Vietnamese", "Вьетнама", "Вьетнаме"},
	{"Chile", "Chilean", "Чили", "Чили"},
}

var cities = []string{"Astana", "Almaty", "Minsk", "Yerevan", "Bishkek", "Dushanbe", "Moscow", "Tashkent", "Baku",
	"Tbilisi", "Ankara", "Beijing", "Delhi", "Berlin", "Warsaw", "Helsinki", "Oslo", "Cairo", "Tokyo", "Ottawa",
	"Geneva", "Vienna", "Samarkand", "Osh", "Gyumri", "Brest", "Kazan", "Novosibirsk", "Shymkent", "Khujand"}

var ruCities = []string{"Астане", "Минске", "Ереване", "Бишкеке", "Душанбе", "Москве", "Ташкенте", "Баку",
	"Тбилиси", "Казани", "Новосибирске", "Алматы", "Самарканде", "Женеве", "Вене"}

var (
	weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	months   = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September",
		"October", "November", "December"}
	ruMonths = []string{"январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре",
		"октябре", "ноябре", "декабре"}
	roles = []string{"Foreign Minister", "Defence Minister", "Prime Minister", "Finance Minister", "Interior Minister",
		"Deputy Prime Minister", "Economy Minister", "Energy Minister", "Speaker of Parliament", "Chief of the General Staff"}
	outlets = []string{"Daily Courier", "Steppe Herald", "Caspian Wire", "Northern Ledger", "Valley Times",
		"Morning Dispatch", "Eastern Observer", "Капитал Ньюс", "Вечерний вестник"}
	sports   = []string{"football", "hockey", "volleyball", "wrestling", "judo", "boxing", "athletics", "basketball", "chess"}
	products = []string{"smartphone", "payment app", "cloud service", "browser", "router", "electric car",
		"messaging app", "operating system", "satellite modem", "search engine"}
	ruProducts = []string{"смартфон", "платёжный сервис", "облачный сервис", "браузер", "мессенджер", "электромобиль"}
	teams      = []string{"Dynamo", "Lokomotiv", "Spartak", "Ordabasy", "Kairat", "Neftchi", "Ararat", "Shakhtyor",
		"Torpedo", "Dordoi", "Istiklol", "Pakhtakor", "Zenit", "Alga", "Vardar"}
	leadIns = []string{"On %W,", "Earlier this year,", "In a statement,", "According to officials,", "Last week,",
		"Speaking to reporters,", "In an interview,", "Despite the rain,", "For the first time,", "After long talks,"}
	tails = []string{"the ministry said", "officials said", "analysts noted", "the agency reported",
		"a spokesman confirmed", "local media reported", "sources told reporters", "the statement added"}
)

// templates by topic; %C %D are countries (name), %A an adjective, %P a
// person, %R a role, %T a city, %W a weekday, %M a month, %N %K numbers,
// %F a percentage, %Y a company, %X a product, %S a sport, %E %G teams, %L a
// lead-in, %Z a tail.
var templates = map[string][]string{
	"politics": {
		"%L %R %P arrived in %T for a two-day summit on regional security.",
		"The foreign ministers of %C and %D discussed border security, trade and energy supplies.",
		"%P, the %A minister of defence, said the talks had been frank and useful.",
		"Officials in %T said the summit would focus on security cooperation and the fight against terrorism.",
		"The parliament of %C voted %N to %K to approve the new budget, %Z.",
		"Opposition leaders in %C called for early elections after the minister resigned.",
		"%C and %D signed a memorandum on military cooperation and joint exercises.",
		"Talks between the delegations will continue in %M in %T, %Z.",
		"The security council met behind closed doors to discuss the situation on the border.",
		"Analysts say the agreement strengthens the alliance but leaves questions about peacekeeping open.",
		"%L the %A government announced new measures to protect its borders.",
		"%P told reporters that %C would not join any military bloc directed against its neighbours.",
		"The %A president received the ambassador of %D and discussed preparations for the summit.",
		"Protesters gathered outside the ministry in %T, demanding the release of detained activists.",
		"The agreement on visa-free travel between %C and %D takes effect in %M.",
		"%R %P will head the delegation at the talks on nuclear security in %T.",
		"The election commission of %C said turnout reached %F percent.",
		"%L %P accused %D of violating the ceasefire along the border.",
	},
	"sports": {
		"%E beat %G %N-%K in %T on %W, with %P scoring twice.",
		"The national %S team of %C will play %D in the qualifying round in %M.",
		"%P won the gold medal in %S at the championship in %T.",
		"Security at the stadium in %T was tightened after fans clashed before the match.",
		"The coach of %E said the team had prepared for the season for months.",
		"%L %P announced the end of a career that brought %N titles.",
		"%C finished the tournament in %T with %N gold and %K silver medals.",
		"Tickets for the final between %E and %G sold out within %N minutes.",
		"The %A %S federation appointed %P as head coach until the next world cup.",
		"%P broke the national record of %C in %S, %Z.",
	},
	"economy": {
		"The central bank of %C raised its key rate to %F percent to curb inflation.",
		"Exports from %C to %D grew by %F percent in %M, the statistics agency said.",
		"The %A finance minister said energy security remained the government's main priority.",
		"%Y reported a quarterly profit of %N million dollars, beating forecasts.",
		"Oil prices fell after the summit of producers failed to agree on output cuts.",
		"%L %C and %D agreed to build a railway linking %T with the ports of the Caspian.",
		"Inflation in %C slowed to %F percent in %M, %Z.",
		"The government of %C plans to sell a stake in the national airline, %Z.",
		"Grain harvest in %C is expected to reach %N million tonnes this year.",
		"%Y will open a factory in %T that is to employ %N people.",
		"The %A currency weakened against the dollar after the central bank cut rates.",
		"Trade between %C and %D reached %N billion dollars last year.",
	},
	"tech": {
		"%Y unveiled a new %X that it says improves data security for small businesses.",
		"The ministry of digital development of %C launched a program to train %N thousand programmers.",
		"Researchers found a security flaw in the %X that lets attackers read private messages.",
		"The update of the %X will be available in %C and %D from %M.",
		"%L %Y said its %X now has %N million users in %C.",
		"%P, the founder of %Y, said the company would invest in artificial intelligence.",
		"Regulators in %C fined %Y for failing to protect the personal data of its users.",
		"A new data centre in %T will host the government services of %C, %Z.",
		"%Y and %P agreed to develop a %X for the markets of %C and %D.",
		"The %A parliament passed a law on cybersecurity that obliges banks to report attacks.",
	},
	"ru": {
		"Министр иностранных дел %RC %P провёл переговоры с коллегой из %RD в %RT.",
		"Саммит по вопросам региональной безопасности пройдёт в %RT в %RM.",
		"Центральный банк %RC повысил ключевую ставку до %F процентов.",
		"Сборная %RC обыграла команду %RD со счётом %N:%K.",
		"Компания %Y представила новый %RX, который повышает безопасность данных.",
		"По словам экспертов, соглашение укрепит сотрудничество в сфере безопасности.",
		"Премьер-министр %RC %P заявил, что правительство снизит налоги для малого бизнеса.",
		"Экспорт из %RC в %RD вырос на %F процентов, сообщило статистическое ведомство.",
		"В %RT прошли совместные учения пограничников %RC и %RD.",
		"Парламент %RC одобрил новый бюджет большинством в %N голосов.",
		"Министр обороны %RC %P посетил военную базу в %RT.",
		"Инфляция в %RCP замедлилась до %F процентов в %RM.",
		"Футбольный клуб %E выиграл кубок %RC, обыграв %G в финале.",
		"Власти %RC объявили о строительстве новой железной дороги.",
	},
}

var titleTemplates = map[string][]string{
	"politics": {"%A leaders hold talks on border security", "Summit in %T ends without joint statement",
		"%C and %D sign cooperation memorandum", "Minister resigns amid protests in %T"},
	"sports":  {"%E stun %G in %T", "%C wins %S championship", "%P retires after %N titles"},
	"economy": {"Central bank of %C raises rates", "Trade between %C and %D grows", "%Y profit beats forecasts"},
	"tech":    {"%Y unveils new %X", "Security flaw found in popular %X", "%C trains programmers"},
	"ru":      {"Переговоры в %RT", "Новости экономики %RC", "Безопасность данных и новый %RX"},
}

var topics = []string{"politics", "politics", "sports", "economy", "economy", "tech"}

// article returns a file name, the file's text and its number of paragraphs
// (at most limit).
func (g *generator) article(limit int) (string, string, int) {
	topic := topics[g.rng.IntN(len(topics))]
	lang := "en"
	if g.rng.IntN(7) == 0 {
		topic, lang = "ru", "ru"
	}
	paragraphs := min(6+g.rng.IntN(9), limit)
	var b strings.Builder
	title := g.fill(g.pick(titleTemplates[topic]))
	fmt.Fprintf(&b, "---\ntitle: %s\noutlet: %s\npublished: %04d-%02d-%02d\nlanguage: %s\n---\n",
		title, g.pick(outlets), 2015+g.rng.IntN(11), 1+g.rng.IntN(12), 1+g.rng.IntN(28), lang)
	// Some page furniture for the cleaner.
	fmt.Fprintf(&b, "%d %s, 20%02d %02d:%02d\nShare\n\n%s\n\n", 1+g.rng.IntN(28), months[g.rng.IntN(12)][:3],
		15+g.rng.IntN(10), g.rng.IntN(24), g.rng.IntN(60), title)
	for range paragraphs {
		sentences := 1 + g.rng.IntN(3)
		for s := range sentences {
			if s > 0 {
				b.WriteByte(' ')
			}
			t := topic
			if topic != "ru" && g.rng.IntN(5) == 0 {
				t = topics[g.rng.IntN(len(topics))] // news mixes topics
			}
			b.WriteString(g.fill(g.pick(templates[t])))
		}
		b.WriteString("\n\n")
	}
	if g.rng.IntN(3) == 0 {
		b.WriteString("Read more\n\n" + g.fill(g.pick(titleTemplates["politics"])) + "\n")
	}
	// Random names put the built-in articles (000_…) among the others.
	name := fmt.Sprintf("%03d_%016x.txt", g.rng.IntN(1000), g.rng.Uint64())
	return name, b.String(), paragraphs
}

func (g *generator) pick(list []string) string { return list[g.rng.IntN(len(list))] }

// fill replaces the slots of a template.
func (g *generator) fill(t string) string {
	c, d := g.twoCountries()
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		if t[i] != '%' || i+1 == len(t) {
			b.WriteByte(t[i])
			continue
		}
		i++
		switch t[i] {
		case 'C':
			b.WriteString(c.name)
		case 'D':
			b.WriteString(d.name)
		case 'A':
			b.WriteString(c.adj)
		case 'P':
			b.WriteString(g.pick(g.people))
		case 'R':
			if i+1 < len(t) {
				i++
				switch t[i] {
				case 'C':
					if i+1 < len(t) && t[i+1] == 'P' {
						i++
						b.WriteString(c.ruPrep)
					} else {
						b.WriteString(c.ruGen)
					}
				case 'D':
					b.WriteString(d.ruGen)
				case 'T':
					b.WriteString(g.pick(ruCities))
				case 'M':
					b.WriteString(g.pick(ruMonths))
				case 'X':
					b.WriteString(g.pick(ruProducts))
				default:
					i--
					b.WriteString(g.pick(roles))
				}
			} else {
				b.WriteString(g.pick(roles))
			}
		case 'T':
			b.WriteString(g.pick(cities))
		case 'W':
			b.WriteString(g.pick(weekdays))
		case 'M':
			b.WriteString(g.pick(months))
		case 'N':
			b.WriteString(strconv.Itoa(2 + g.rng.IntN(98)))
		case 'K':
			b.WriteString(strconv.Itoa(g.rng.IntN(40)))
		case 'F':
			b.WriteString(strconv.Itoa(1+g.rng.IntN(20)) + "." + strconv.Itoa(g.rng.IntN(10)))
		case 'Y':
			b.WriteString(g.pick(g.companies))
		case 'X':
			b.WriteString(g.pick(products))
		case 'S':
			b.WriteString(g.pick(sports))
		case 'E':
			b.WriteString(g.pick(teams))
		case 'G':
			b.WriteString(g.pick(teams))
		case 'L':
			b.WriteString(strings.ReplaceAll(g.pick(leadIns), "%W", g.pick(weekdays)))
		case 'Z':
			b.WriteString(g.pick(tails))
		default:
			b.WriteByte('%')
			b.WriteByte(t[i])
		}
	}
	s := b.String()
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

func (g *generator) twoCountries() (country, country) {
	i := g.rng.IntN(len(countries))
	j := (i + 1 + g.rng.IntN(len(countries)-1)) % len(countries)
	return countries[i], countries[j]
}

// Syllables for invented names, so that no generated person shares a name
// with someone the built-in articles are about.
var (
	nameStarts = []string{"Ar", "Bo", "Ka", "Da", "Er", "Fa", "Gu", "Il", "Jo", "Ku", "Le", "Mi", "Nu", "Or", "Pa", "Ro", "Sa", "Te", "Ul", "Va", "Ze"}
	nameMids   = []string{"ri", "lan", "bek", "dor", "mi", "zan", "tal", "ven", "ko", "ras", "nu", "sel"}
	nameEnds   = []string{"ov", "enko", "yan", "ski", "ler", "son", "ani", "ez", "ur", "in", "berg", "oglu"}
	firstNames = []string{"Arman", "Dana", "Ilya", "Marat", "Nadia", "Oleg", "Timur", "Zara", "Erik", "Lena", "Ruslan", "Aida",
		"Pavel", "Saule", "Bakyt", "Gulnara", "Jonas", "Mira", "Tomas", "Yulia"}
	companyParts = []string{"Nova", "Tech", "Stan", "Data", "Soft", "Net", "Volt", "Sky", "Trans", "Agro", "Steppe", "Silk", "Byte", "Logic", "Grid"}
)

func (g *generator) makeNames(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = g.pick(firstNames) + " " + g.pick(nameStarts) + g.pick(nameMids) + g.pick(nameEnds)
	}
	return out
}

func (g *generator) makeCompanies(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = g.pick(companyParts) + strings.ToLower(g.pick(companyParts))
		if g.rng.IntN(3) == 0 {
			out[i] += " " + g.pick([]string{"Group", "Holding", "Labs", "Systems", "Bank"})
		}
	}
	return out
}
