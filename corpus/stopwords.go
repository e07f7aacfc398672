package corpus

import "strings"

// Function words of English and Russian. Their share among a block's words
// is the strongest sign of running prose: menus, headlines, bylines and
// share rows are made of names and nouns and have few of them (the jusText
// observation).
const (
	englishStopwords = `a about above after again against all also although am an and any are as at be
because been before being below between both but by can could did do does doing down during each
either even ever every few for from further had has have having he her here hers herself him himself
his how however i if in into is it its itself just may me might more most much must my myself neither
no nor not now of off on once only or other ought our ours ourselves out over own per same shall she
should since so some such than that the their theirs them themselves then there these they this those
though through thus to too under until up upon us very was we were what when where whether which while
who whom whose why will with within without would yet you your yours yourself yourselves`

	russianStopwords = `а без более бы был была были было быть в вам вас весь во вот все всего всех вы
где да даже для до его ее её если есть еще ещё же за здесь и из или им их к как какой когда кого
который которая которые которых котором которой кто ли либо мне может можно мы на над надо наш не него
нее неё нет ни них но ну о об однако он она они оно от очень по под после при про раз с сам свой себя
со так также такой там тем то того тоже той только том ты у уже хотя чего чей чем что чтобы эта эти
это этого этой этом этот я между через перед пока почему потому поэтому ведь будет будут`
)

// stopwordSet is the set of English and Russian stopwords, in lower case.
type stopwordSet map[string]bool

func newStopwordSet() stopwordSet {
	s := stopwordSet{}
	for _, w := range strings.Fields(englishStopwords + " " + russianStopwords) {
		s[w] = true
	}
	return s
}
