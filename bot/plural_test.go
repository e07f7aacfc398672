package bot

import "testing"

func TestCountTakesThePluralFormOfEachLanguage(t *testing.T) {
	tests := []struct {
		l    lang
		n    int
		want string
	}{
		{langEN, 0, "0 news articles"},
		{langEN, 1, "1 news article"},
		{langEN, 2, "2 news articles"},
		{langEN, 21, "21 news articles"},
		{langRU, 0, "0 новостных статей"},
		{langRU, 1, "1 новостная статья"},
		{langRU, 2, "2 новостные статьи"},
		{langRU, 4, "4 новостные статьи"},
		{langRU, 5, "5 новостных статей"},
		{langRU, 11, "11 новостных статей"},
		{langRU, 12, "12 новостных статей"},
		{langRU, 14, "14 новостных статей"},
		{langRU, 21, "21 новостная статья"},
		{langRU, 22, "22 новостные статьи"},
		{langRU, 111, "111 новостных статей"},
		{langRU, 101, "101 новостная статья"},
	}
	for _, tt := range tests {
		if got := tt.l.count(tt.n, nounArticles); got != tt.want {
			t.Errorf("count(%d) in %v = %q, want %q", tt.n, tt.l, got, tt.want)
		}
	}
	if got := langRU.count(3, nounPassages); got != "3 фрагмента" {
		t.Errorf("3 passages in Russian = %q", got)
	}
	if got := langEN.count(1, nounPassages); got != "1 passage" {
		t.Errorf("1 passage in English = %q", got)
	}
}
