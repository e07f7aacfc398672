package main

import (
	"errors"
	"io/fs"
	"strings"

	"github.com/joho/godotenv"
)

// loadDotenv reads the .env file at path; a missing file is no error.
func loadDotenv(path string) (map[string]string, error) {
	values, err := godotenv.Read(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, &configError{path, err.Error()}
	}
	return values, nil
}

// withDotenv looks a variable up in getenv first and in the .env values
// second: a variable set in the real environment wins.
func withDotenv(getenv func(string) string, dotenv map[string]string) func(string) string {
	return func(name string) string {
		if v := getenv(name); strings.TrimSpace(v) != "" {
			return v
		}
		return dotenv[name]
	}
}
