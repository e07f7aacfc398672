package lexicon

import (
	"slices"
	"testing"
)

// TestNameKeyMatchesSpellings checks that the spellings of a name in Latin
// and Cyrillic scripts share a key.
func TestNameKeyMatchesSpellings(t *testing.T) {
	names := [][]string{
		{"Rahmon", "Rakhmon", "Рахмон"},
		{"Japarov", "Zhaparov", "Жапаров"},
		{"Tokayev", "Tokaev", "Токаев"},
		{"Pashinyan", "Pashinian", "Пашинян"},
		{"Lukashenko", "Лукашенко"},
		{"Tasmagambetov", "Тасмагамбетов"},
		{"Zelensky", "Zelenskyy", "Zelenskiy", "Зеленский"},
		{"Shoigu", "Шойгу"},
		{"Nazarbayev", "Nazarbaev", "Назарбаев"},
		{"Saakashvili", "Саакашвили"},
		{"Mirziyoyev", "Мирзиёев", "Мирзиеев"},
		{"Gorbachev", "Gorbachyov", "Горбачёв", "Горбачев"},
		{"Khrushchev", "Хрущёв", "Хрущев"},
		{"Tsoi", "Tsoy", "Цой"},
		{"Yerevan", "Erevan", "Ереван"},
		{"Kyrgyzstan", "Кыргызстан", "Киргизстан"},
		{"Jeenbekov", "Zheenbekov", "Жээнбеков"},
		{"Dmitry", "Dmitriy", "Dmitrii", "Дмитрий"},
		{"Yuri", "Yury", "Iurii", "Юрий"},
		{"Sergei", "Sergey", "Сергей"},
		{"Fyodor", "Fedor", "Фёдор"},
		{"Tolstoy", "Tolstoi", "Толстой"},
		{"Smirnoff", "Smirnov", "Смирнов"},
		{"Alexander", "Aleksander", "Александер"},
		{"Tchaikovsky", "Chaikovsky", "Чайковский"},
		{"Ilyich", "Ilich", "Ильич"},
		{"Shchukin", "Schukin", "Щукин"},
		{"Kocharyan", "Кочарян"},
		{"Aliyev", "Əliyev", "Алиев"},
		{"Dushanbe", "Душанбе"},
		{"Bishkek", "Бишкек"},
		{"Astana", "Астана"},
		{"Yanukovych", "Yanukovich", "Янукович"},
		{"Schmidt", "Шмидт"},
		{"Leibnitz", "Лейбниц"},
		{"Washington", "Вашингтон"},
		{"Merkel", "Меркель"},
		{"Erdoğan", "Erdogan", "Эрдоган"},
		{"Kassym-Jomart", "Касым-Жомарт"},
	}
	for _, spellings := range names {
		want := NameKey(spellings[0])
		if want == "" {
			t.Errorf("NameKey(%q) is empty", spellings[0])
		}
		for _, s := range spellings[1:] {
			if got := NameKey(s); got != want {
				t.Errorf("NameKey(%q) = %q, NameKey(%q) = %q; want them equal", s, got, spellings[0], want)
			}
		}
	}
}

// TestNameKeyKeepsNamesApart checks that different names do not share a key.
func TestNameKeyKeepsNamesApart(t *testing.T) {
	pairs := [][2]string{
		{"Putin", "Путилин"},
		{"Tokayev", "Токарев"},
		{"Rahmon", "Рахимов"},
		{"Pashinyan", "Пашин"},
		{"Lukashenko", "Лукашин"},
		{"Ivanov", "Иванова"},
		{"Minsk", "Минск-2"},
		{"Moscow", "Москва"}, // an exonym: not a spelling of the same word
		{"Sergei", "Сергеев"},
		{"Aliyev", "Алиева"},
	}
	for _, p := range pairs {
		if a, b := NameKey(p[0]), NameKey(p[1]); a == b {
			t.Errorf("NameKey(%q) = NameKey(%q) = %q; want different keys", p[0], p[1], a)
		}
	}
}

// TestToLatin checks BGN/PCGN romanisation.
func TestToLatin(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Токаев", "Tokayev"},
		{"Жапаров", "Zhaparov"},
		{"Щукин", "Shchukin"},
		{"Ереван", "Yerevan"},
		{"Пашинян", "Pashinyan"},
		{"Ильич", "Ilich"},
		{"ОДКБ и CSTO", "ODKB i CSTO"},
		{"Қасым-Жомарт Тоқаев", "Kasym-Zhomart Tokayev"},
	}
	for _, c := range cases {
		if got := ToLatin(c.in); got != c.want {
			t.Errorf("ToLatin(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestNameKeysMeetInflectedRussian checks that a Russian name in an oblique
// case has the key of its Latin spelling among its keys.
func TestNameKeysMeetInflectedRussian(t *testing.T) {
	cases := []struct{ russian, latin string }{
		{"Токаева", "Tokayev"},
		{"Токаевым", "Tokaev"},
		{"Пашиняну", "Pashinyan"},
		{"Назарбаевым", "Nazarbayev"},
		{"Рахмона", "Rahmon"},
		{"Жапаровым", "Japarov"},
		{"Лукашенко", "Lukashenko"},
		{"Тасмагамбетова", "Tasmagambetov"},
		{"Бишкеке", "Bishkek"},
	}
	for _, c := range cases {
		want := NameKey(c.latin)
		if got := NameKeys(c.russian); !slices.Contains(got, want) {
			t.Errorf("NameKeys(%q) = %q, want it to hold NameKey(%q) = %q", c.russian, got, c.latin, want)
		}
	}
	if got := NameKeys("Tokayeva"); len(got) != 1 {
		t.Errorf("NameKeys of a Latin word = %q, want its one key", got)
	}
	if got := NameKeys("Ива"); len(got) != 1 {
		t.Errorf("NameKeys(Ива) = %q, want no key of a two-letter stem", got)
	}
}
